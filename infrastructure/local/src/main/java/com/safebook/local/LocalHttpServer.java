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
 *
 * <p>Its connections set {@code TCP_NODELAY}. The JDK's server leaves it off unless
 * {@value #NO_DELAY} is true, and it writes an answer's headers and body separately: with Nagle's
 * algorithm on, the body's last segment then waited for the client's delayed acknowledgement, up to
 * 40 ms on Linux. That was half of the answers of 8 kB (a day's bookings read back) in a JFR
 * recording of the staff function, 11 ms at p50 and 43 ms at p90 spent waiting for the body.
 */
public final class LocalHttpServer implements AutoCloseable {
    /** The JDK server's switch for {@code TCP_NODELAY}, read once, when its first server is made. */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        System.setProperty(NO_DELAY, "true");
    }

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
