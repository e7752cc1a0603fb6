package com.safebook.local.cognito;

import com.safebook.local.aws.AwsJsonResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The smallest AWS endpoint for one {@link LocalCognito}: POSTs dispatched by {@code X-Amz-Target}, and the
 * pool's JWKS at {@code /<userPoolId>/.well-known/jwks.json}. The local stack's real endpoint lives elsewhere.
 * The pool is attached after the server starts, because the pool's issuer is the server's URL.
 */
final class AwsJsonTestEndpoint implements AutoCloseable {
    private static final String JWKS_SUFFIX = "/.well-known/jwks.json";

    private final HttpServer server;
    private volatile LocalCognito cognito;

    AwsJsonTestEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                respond(exchange);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void serve(LocalCognito pool) {
        this.cognito = pool;
    }

    private void respond(HttpExchange exchange) throws IOException {
        var body = exchange.getRequestBody().readAllBytes();
        var path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET") && path.endsWith(JWKS_SUFFIX)) {
            var poolId = path.substring(1, path.length() - JWKS_SUFFIX.length());
            var jwks = cognito.jwksJson(poolId);
            if (jwks.isPresent()) {
                send(exchange, 200, "application/json", jwks.get().getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        var target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        var dot = target == null ? -1 : target.indexOf('.');
        AwsJsonResponse response;
        if (dot < 0 || !target.substring(0, dot).equals(cognito.targetPrefix())) {
            response = AwsJsonResponse.error(400, "UnknownOperationException", "No service for this target");
        } else {
            response = cognito.handle(target.substring(dot + 1), body);
        }
        send(exchange, response.status(), "application/x-amz-json-1.1", response.body());
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
