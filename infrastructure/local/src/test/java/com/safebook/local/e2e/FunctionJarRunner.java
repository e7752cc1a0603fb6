package com.safebook.local.e2e;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.events.DynamodbEventJson;
import java.io.File;
import java.util.Map;
import org.crac.Resource;

/**
 * One function run from its shaded jar, in the fresh JVM that {@link FunctionJarsIT} starts with
 * nothing but that jar and this class on the class path: the handler built as Lambda builds it, its
 * SnapStart hook run as before a snapshot, then one invocation with the event of a file. Prints the
 * answer on a line of its own: {@code ANSWER <status> <body>} for the API, {@code ANSWER <json>}
 * otherwise. Every class it uses must come from the function's jar.
 */
public final class FunctionJarRunner {
    private FunctionJarRunner() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var function = args[0];
        var kind = args[1];
        var eventFile = new File(args[2]);
        var handler = (RequestHandler<Object, Object>)
                Class.forName(args[3]).getDeclaredConstructor().newInstance();
        ((Resource) handler).beforeCheckpoint(null);
        var json = new ObjectMapper();
        Object event =
                switch (kind) {
                    case "api" -> json.readValue(eventFile, APIGatewayProxyRequestEvent.class);
                    case "stream" -> DynamodbEventJson.event(json.readTree(eventFile));
                    default -> json.readValue(eventFile, Map.class);
                };
        var answer = handler.handleRequest(event, new RunContext(function));
        System.out.println("ANSWER "
                + (answer instanceof APIGatewayProxyResponseEvent response
                        ? response.getStatusCode() + " " + response.getBody()
                        : json.writeValueAsString(answer)));
    }

    private record RunContext(String function) implements Context {
        @Override
        public String getAwsRequestId() {
            return "function-jar-run";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + function;
        }

        @Override
        public String getLogStreamName() {
            return "function-jar-run";
        }

        @Override
        public String getFunctionName() {
            return function;
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 15_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
