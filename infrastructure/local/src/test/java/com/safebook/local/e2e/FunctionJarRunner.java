package com.safebook.local.e2e;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.safebook.aws.events.ApiGatewayProxyJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * One function run from its shaded jar, in the fresh JVM that {@link FunctionJarsIT} starts with
 * nothing but that jar and this class on the class path: the handler built as Lambda builds it, its
 * SnapStart hook run as before a snapshot, then one invocation with the event of a file. Prints the
 * answer on a line of its own: {@code ANSWER <status> <body>} for the API, {@code ANSWER <json>}
 * otherwise. Every class it uses must come from the function's jar.
 */
public final class FunctionJarRunner {
    private FunctionJarRunner() {}

    public static void main(String[] args) throws Exception {
        var function = args[0];
        var kind = args[1];
        var eventFile = new File(args[2]);
        var handler = (RequestStreamHandler)
                Class.forName(args[3]).getDeclaredConstructor().newInstance();
        ((Resource) handler).beforeCheckpoint(null);
        // As Lambda invokes a stream handler: the event's bytes in, the answer's bytes out.
        var out = new ByteArrayOutputStream();
        try (var in = new FileInputStream(eventFile)) {
            handler.handleRequest(in, out, new RunContext(function));
        }
        if ("api".equals(kind)) {
            var response = ApiGatewayProxyJson.readResponse(new ByteArrayInputStream(out.toByteArray()));
            System.out.println("ANSWER " + response.getStatusCode() + " " + response.getBody());
        } else {
            System.out.println("ANSWER " + out.toString(StandardCharsets.UTF_8));
        }
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

    /**
     * The jar's SDK clients built as in AWS (a region, no endpoint override, none in the environment),
     * each making one request that an interceptor stops just before it is sent, after the endpoint is
     * resolved and the request signed. Prints {@code ANSWER <host>,<host>}. Proves that the jar holds
     * everything the SDK needs outside the local stack, where the endpoints are overridden.
     */
    public static final class AwsEndpoints {
        private AwsEndpoints() {}

        public static void main(String[] args) {
            var hosts = new LinkedHashSet<String>(); // a retried request names its host once
            var stop = ClientOverrideConfiguration.builder()
                    .addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void beforeTransmission(
                                software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                ExecutionAttributes attributes) {
                            hosts.add(context.httpRequest().host());
                            throw new StoppedBeforeTransmission();
                        }
                    })
                    .build();
            var region = Region.US_EAST_1;
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example"));
            try (var dynamoDb = DynamoDbClient.builder()
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(stop)
                    .build()) {
                dynamoDb.getItem(r -> r.tableName("BookingsTable").key(Map.of("pk", AttributeValue.fromS("x"))));
            } catch (RuntimeException stopped) {
                // stopped before transmission, whether or not the SDK wrapped the interceptor's exception
            }
            if (hasKms()) {
                KmsRequest.send(region, credentials, stop);
            }
            System.out.println("ANSWER " + String.join(",", hosts));
        }

        private static boolean hasKms() {
            try {
                Class.forName("software.amazon.awssdk.services.kms.KmsClient");
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }

    /** Apart, so that a jar without KMS never loads its classes, not even to verify this one's. */
    private static final class KmsRequest {
        private KmsRequest() {}

        static void send(Region region, StaticCredentialsProvider credentials, ClientOverrideConfiguration stop) {
            try (var kms = KmsClient.builder()
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(stop)
                    .build()) {
                kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("x")));
            } catch (RuntimeException stopped) {
                // stopped before transmission, whether or not the SDK wrapped the interceptor's exception
            }
        }
    }

    private static final class StoppedBeforeTransmission extends RuntimeException {
        StoppedBeforeTransmission() {
            super("stopped before transmission", null, false, false);
        }
    }
}
