package com.safebook.local.kms;

import com.safebook.local.aws.AwsJsonResponse;
import com.safebook.local.aws.AwsJsonService;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal AWS JSON endpoint for tests: serves one {@link AwsJsonService} on 127.0.0.1 at a free port,
 * routing by {@code X-Amz-Target} the way the local stack's real endpoint does.
 */
final class AwsJsonTestEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private AwsJsonTestEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static AwsJsonTestEndpoint start(AwsJsonService service) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", exchange -> serve(service, exchange));
        server.setExecutor(executor);
        server.start();
        return new AwsJsonTestEndpoint(server, executor);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void serve(AwsJsonService service, HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            var target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            int dot = target == null ? -1 : target.indexOf('.');
            AwsJsonResponse response;
            if (dot < 0 || !target.substring(0, dot).equals(service.targetPrefix())) {
                response = AwsJsonResponse.error(400, "UnknownOperationException", "Unknown X-Amz-Target");
            } else {
                response = service.handle(target.substring(dot + 1), body);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
