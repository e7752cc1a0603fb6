package com.safebook.local.aws;

import com.safebook.local.CorsPolicy;
import com.safebook.local.LocalHttpServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The local stack's one AWS endpoint, as LocalStack's edge port: DynamoDB (and DynamoDB Streams)
 * requests are passed to DynamoDB Local untouched; other services answer in this JVM, chosen by
 * the {@code X-Amz-Target} prefix. Plain GETs may be served by path handlers (a user pool's JWKS).
 * Request signatures are not checked: nothing here is reachable from outside the machine.
 */
public final class AwsEndpoint implements AutoCloseable {
    private static final Set<String> PASSED_HEADERS =
            Set.of("content-type", "x-amz-target", "authorization", "x-amz-date", "accept-encoding");
    private static final Set<String> RETURNED_HEADERS = Set.of("content-type", "x-amz-crc32", "x-amzn-requestid");

    private final LocalHttpServer server;
    private final HttpClient client;
    private final Optional<String> dynamoDbEndpoint;
    private final Map<String, AwsJsonService> services = new ConcurrentHashMap<>();
    private final DynamoDbFaults dynamoDbFaults = new DynamoDbFaults();
    private volatile CorsPolicy cors = new CorsPolicy(
            Set.of(),
            "POST, GET, OPTIONS",
            "Content-Type, X-Amz-Target, X-Amz-User-Agent, X-Amz-Date, Authorization",
            "x-amzn-RequestId");
    private final List<Function<String, Optional<byte[]>>> pathHandlers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param dynamoDbEndpoint where DynamoDB requests go (DynamoDB Local), or empty to answer
     *     them as an unknown service (tests of one emulator)
     */
    public AwsEndpoint(String host, int port, Optional<String> dynamoDbEndpoint) throws IOException {
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.server = new LocalHttpServer(host, port, this::exchange);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(server.executor())
                .build();
    }

    /** An endpoint on a free loopback port serving only {@code services}, already started. */
    public static AwsEndpoint serving(AwsJsonService... services) throws IOException {
        var endpoint = new AwsEndpoint("127.0.0.1", 0, Optional.empty());
        for (var service : services) {
            endpoint.register(service);
        }
        endpoint.start();
        return endpoint;
    }

    public AwsEndpoint register(AwsJsonService service) {
        services.put(service.targetPrefix(), service);
        return this;
    }

    /** A handler of plain GETs: the path in, a JSON body out, or empty if not its path. */
    public AwsEndpoint registerPath(Function<String, Optional<byte[]>> handler) {
        pathHandlers.add(handler);
        return this;
    }

    /**
     * The origins whose pages may call the endpoint from a browser: the staff dashboard signs in by
     * calling Cognito's JSON API with fetch, as it does against {@code cognito-idp.<region>.amazonaws.com}.
     */
    public AwsEndpoint allowOrigins(java.util.Collection<String> origins) {
        this.cors = cors.withOrigins(origins);
        return this;
    }

    public void start() {
        server.start();
    }

    /** The faults injected into the DynamoDB requests passed on, for tests of crashes between steps. */
    public DynamoDbFaults dynamoDbFaults() {
        return dynamoDbFaults;
    }

    public int port() {
        return server.port();
    }

    public URI uri() {
        return server.uri();
    }

    public String url() {
        return server.uri().toString();
    }

    @Override
    public void close() {
        server.close();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean allowed = cors.apply(exchange);
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                exchange.sendResponseHeaders(cors.preflight(exchange, allowed), -1);
                return;
            }
            var target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null) {
                servePath(exchange);
                return;
            }
            var dot = target.indexOf('.');
            var prefix = dot < 0 ? target : target.substring(0, dot);
            if (prefix.startsWith("DynamoDB") && dynamoDbEndpoint.isPresent()) {
                proxyToDynamoDb(exchange, target.substring(dot + 1));
                return;
            }
            var service = services.get(prefix);
            var body = exchange.getRequestBody().readAllBytes();
            var response = service == null
                    ? AwsJsonResponse.error(400, "UnknownOperationException", "No such service here: " + prefix)
                    : service.handle(target.substring(dot + 1), body);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders()
                    .add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(response.status(), response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (RuntimeException e) {
            var body = "{\"__type\":\"InternalFailure\",\"message\":\"The local endpoint failed.\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void servePath(HttpExchange exchange) throws IOException {
        var path = exchange.getRequestURI().getPath();
        for (var handler : pathHandlers) {
            var body = handler.apply(path);
            if (body.isPresent()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.get().length);
                exchange.getResponseBody().write(body.get());
                return;
            }
        }
        var body = "{\"message\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
    }

    private void proxyToDynamoDb(HttpExchange exchange, String operation) throws IOException {
        var action = dynamoDbFaults.decide(operation);
        if (action == DynamoDbFaults.Action.REFUSE) {
            exchange.getRequestBody().readAllBytes();
            refuse(exchange);
            return;
        }
        var request = HttpRequest.newBuilder(URI.create(dynamoDbEndpoint.orElseThrow() + "/"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        exchange.getRequestBody().readAllBytes()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (PASSED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling DynamoDB Local", e);
        } catch (IOException e) {
            dynamoDbFaults.countUnanswered();
            var body =
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"DynamoDB Local is not answering.\"}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        if (action == DynamoDbFaults.Action.PASS_THEN_REFUSE) {
            refuse(exchange);
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (RETURNED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        var body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static void refuse(HttpExchange exchange) throws IOException {
        var body = DynamoDbFaults.REFUSAL.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(400, body.length);
        exchange.getResponseBody().write(body);
    }
}
