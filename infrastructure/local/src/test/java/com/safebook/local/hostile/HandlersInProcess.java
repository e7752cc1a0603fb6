package com.safebook.local.hostile;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.safebook.audit.AuditHandler;
import com.safebook.aws.events.ApiGatewayProxyJson;
import com.safebook.booking.BookingHandler;
import com.safebook.consent.ConsentHandler;
import com.safebook.erasure.ErasureHandler;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import com.safebook.local.api.LocalLambdaContext;
import com.safebook.staff.StaffHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The functions' real handlers in this JVM, each built by the constructor Lambda calls (so the real
 * Dagger graph, adapters and SDK clients), over the local stack's DynamoDB Local and KMS, called
 * with API Gateway's events: thousands of calls a second fewer than over HTTP cost nothing but the
 * stand-in's socket, which the end-to-end tests already cover.
 *
 * <p>One stack per JVM (the module forks a JVM per test class). The handlers' DynamoDB client goes
 * to DynamoDB Local directly, their KMS client to the stack's AWS endpoint: the SDK's own
 * per-service endpoint settings, with the global {@code AWS_ENDPOINT_URL} cleared. The AWS endpoint
 * only passes DynamoDB's requests on, and that hop doubled the time of a call.
 */
final class HandlersInProcess {
    enum Function {
        BOOKING(BookingHandler::new),
        CONSENT(ConsentHandler::new),
        ERASURE(ErasureHandler::new),
        STAFF(StaffHandler::new),
        AUDIT(AuditHandler::new);

        private final Supplier<RequestStreamHandler> create;

        Function(Supplier<RequestStreamHandler> create) {
            this.create = create;
        }
    }

    /** A call and what it left: the answer, and every log line and line of standard output meanwhile. */
    record Exchange(APIGatewayProxyResponseEvent response, String logged) {}

    private static HandlersInProcess instance;

    private final LocalStack stack;
    private final LogCapture logs;
    private final Map<Function, RequestStreamHandler> handlers = new EnumMap<>(Function.class);

    private HandlersInProcess(LocalStack stack, LogCapture logs) {
        this.stack = stack;
        this.logs = logs;
    }

    static synchronized HandlersInProcess get() {
        if (instance == null) {
            try {
                // Sealing may take records a second old (the end-to-end tests' setting).
                System.setProperty("AUDIT_SETTLE_SECONDS", "1");
                var stack =
                        LocalStack.start(LocalStackOptions.ephemeral().withTemplate(Path.of("../../template.yaml")));
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
                System.setProperty("AWS_ENDPOINT_URL", "");
                System.setProperty("aws.endpointUrlDynamoDb", stack.dynamoDbLocalUrl());
                System.setProperty("aws.endpointUrlKms", stack.awsEndpointUrl());
                instance = new HandlersInProcess(stack, LogCapture.install());
            } catch (Exception e) {
                throw new IllegalStateException("The local stack did not start", e);
            }
        }
        return instance;
    }

    LocalStack stack() {
        return stack;
    }

    Exchange invoke(Function function, HostileRequest request) {
        return invoke(function, request.event(UUID.randomUUID().toString()));
    }

    /**
     * Calls the function as Lambda would. Standard output is captured meanwhile: the metrics in
     * embedded metric format go there, and in Lambda they are log lines too.
     */
    synchronized Exchange invoke(Function function, APIGatewayProxyRequestEvent event) {
        var handler = handlers.computeIfAbsent(function, f -> f.create.get());
        var stdout = System.out;
        var printed = new ByteArrayOutputStream();
        logs.take();
        APIGatewayProxyResponseEvent response;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // As Lambda invokes: the event as API Gateway's JSON into the stream handler, the answer read back.
            var in = new ByteArrayOutputStream();
            ApiGatewayProxyJson.writeRequest(event, in);
            var out = new ByteArrayOutputStream();
            handler.handleRequest(
                    new ByteArrayInputStream(in.toByteArray()),
                    out,
                    new LocalLambdaContext(
                            function.name(),
                            event.getRequestContext().getRequestId(),
                            System.currentTimeMillis() + 30_000,
                            1024));
            response = ApiGatewayProxyJson.readResponse(new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(stdout);
        }
        return new Exchange(response, logs.take() + printed.toString(StandardCharsets.UTF_8));
    }
}
