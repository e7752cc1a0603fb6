package com.safebook.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server of the local stack: one handler for every path, a virtual thread per exchange
 * (requests wait on DynamoDB or a handler, not on the CPU), stopped at once on close.
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    public LocalHttpServer(String host, int port, HttpHandler handler) throws IOException {
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        server.createContext("/", handler);
        server.setExecutor(executor);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The executor the exchanges run on, for clients the handler needs (one pool, not two). */
    public ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
