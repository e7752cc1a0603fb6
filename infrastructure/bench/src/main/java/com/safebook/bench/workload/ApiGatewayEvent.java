package com.safebook.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A request as a REST API's Lambda proxy integration delivers it (payload format 1.0): the route
 * template as {@code resource}, single- and multi-value headers and query parameters, path parameters,
 * and a request context with the caller's identity and, behind a Cognito authorizer, its claims.
 */
public final class ApiGatewayEvent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String method;
    private final String resource;
    private String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private Map<String, String> claims;
    private String body;

    private ApiGatewayEvent(String method, String resource) {
        this.method = method;
        this.resource = resource;
        this.path = resource;
        headers.put("Accept", "application/json");
        headers.put("Host", "abcdef1234.execute-api.us-east-1.amazonaws.com");
        headers.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) SafeBookBench/1.0");
        headers.put(
                "X-Amzn-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        headers.put("X-Forwarded-For", "198.51.100.7");
        headers.put("X-Forwarded-Port", "443");
        headers.put("X-Forwarded-Proto", "https");
    }

    /** {@code resource} is the route as the template names it, such as {@code /consents/{purpose}}. */
    public static ApiGatewayEvent request(String method, String resource) {
        return new ApiGatewayEvent(method, resource);
    }

    /** Fills a path parameter, in the path too. */
    public ApiGatewayEvent pathParameter(String name, String value) {
        pathParameters.put(name, value);
        path = path.replace("{" + name + "}", value);
        return this;
    }

    public ApiGatewayEvent query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public ApiGatewayEvent header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiGatewayEvent jsonBody(ObjectNode json) {
        headers.put("Content-Type", "application/json");
        body = json.toString();
        return this;
    }

    /** The claims a REST API's Cognito authorizer passes: every value a string. */
    public ApiGatewayEvent claims(Map<String, String> claims) {
        this.claims = Map.copyOf(claims);
        return this;
    }

    public byte[] toJson() {
        var event = JSON.createObjectNode()
                .put("resource", resource)
                .put("path", path)
                .put("httpMethod", method);
        var single = event.putObject("headers");
        var multi = event.putObject("multiValueHeaders");
        headers.forEach((name, value) -> {
            single.put(name, value);
            multi.putArray(name).add(value);
        });
        if (query.isEmpty()) {
            event.putNull("queryStringParameters").putNull("multiValueQueryStringParameters");
        } else {
            var q = event.putObject("queryStringParameters");
            var mq = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, value) -> {
                q.put(name, value);
                mq.putArray(name).add(value);
            });
        }
        if (pathParameters.isEmpty()) {
            event.putNull("pathParameters");
        } else {
            var p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        event.putNull("stageVariables");
        var now = Instant.now();
        var context = event.putObject("requestContext")
                .put("resourceId", "a1b2c3")
                .put("resourcePath", resource)
                .put("httpMethod", method)
                .put("extendedRequestId", UUID.randomUUID().toString())
                .put("requestTime", REQUEST_TIME.format(now))
                .put("path", "/local" + path)
                .put("accountId", "000000000000")
                .put("protocol", "HTTP/1.1")
                .put("stage", "local")
                .put("domainPrefix", "abcdef1234")
                .put("requestTimeEpoch", now.toEpochMilli())
                .put("requestId", UUID.randomUUID().toString())
                .put("domainName", "abcdef1234.execute-api.us-east-1.amazonaws.com")
                .put("apiId", "abcdef1234");
        context.putObject("identity")
                .put("sourceIp", "198.51.100.7")
                .put("userAgent", headers.get("User-Agent"))
                .putNull("accountId")
                .putNull("caller")
                .putNull("user")
                .putNull("userArn");
        if (claims != null) {
            var c = context.putObject("authorizer").putObject("claims");
            claims.forEach(c::put);
        }
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
