package com.safebook.local.cognito;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.events.ApiGatewayProxyJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A function for the authorizer tests, beside the real staff function (see StaffApiTest): it answers
 * with what API Gateway put in {@code requestContext.authorizer.claims}. It echoes the token's own claims
 * and only the names of the user's attributes, never their values.
 */
public final class ClaimsEchoHandler implements RequestStreamHandler {
    private static final Set<String> TOKEN_CLAIMS = Set.of(
            "sub",
            "iss",
            "aud",
            "token_use",
            "auth_time",
            "exp",
            "iat",
            "jti",
            "origin_jti",
            "event_id",
            "amr",
            "cognito:username",
            "cognito:groups");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiGatewayProxyJson.writeResponse(handleRequest(ApiGatewayProxyJson.readRequest(input), context), output);
    }

    APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        var out = json.createObjectNode();
        var authorizer = event.getRequestContext().getAuthorizer();
        out.put("authorizer", authorizer != null);
        if (authorizer != null && authorizer.get("claims") instanceof Map<?, ?> claims) {
            var names = new TreeSet<String>();
            var echoed = new TreeMap<String, Object>();
            claims.forEach((name, value) -> {
                names.add(String.valueOf(name));
                if (TOKEN_CLAIMS.contains(String.valueOf(name))) {
                    echoed.put(String.valueOf(name), value);
                }
            });
            out.set("claimNames", json.valueToTree(names));
            out.set("claims", json.valueToTree(echoed));
        }
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(json.writeValueAsString(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
