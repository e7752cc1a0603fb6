package com.safebook.bench.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lambda's Runtime API (version 2018-06-01) as a runtime sees it: {@code GET /runtime/invocation/next},
 * {@code POST /runtime/invocation/{id}/response}, {@code POST /runtime/invocation/{id}/error} and
 * {@code POST /runtime/init/error}, for one execution environment. Hand-written: no emulator of it is
 * published on a registry this project can reach (PLATFORM.md).
 *
 * <p>On raw sockets, because the runtime interface client's native HTTP client expects the headers in
 * Lambda's exact case ({@code Lambda-Runtime-Aws-Request-Id}, ...), which the JDK's HTTP server
 * rewrites. Every answer leaves in one write with {@code TCP_NODELAY}: split writes meet Nagle's
 * algorithm and delayed acknowledgements and add about 40 ms to a call.
 *
 * <p>It timestamps with {@link System#nanoTime()}: the first {@code /next} (the runtime has finished
 * its init), each event handed out and each response received.
 */
public final class RuntimeApiEmulator implements AutoCloseable {
    private static final String NEXT = "/2018-06-01/runtime/invocation/next";
    private static final String INVOCATION = "/2018-06-01/runtime/invocation/";
    private static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final String functionArn;
    private final Duration timeout;
    private final BlockingQueue<Pending> events = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> initialized = new CompletableFuture<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RuntimeApiEmulator(ServerSocket server, String functionArn, Duration timeout) {
        this.server = server;
        this.functionArn = functionArn;
        this.timeout = timeout;
    }

    /**
     * Listens on a free port of the loopback interface.
     *
     * @param functionArn what {@code Lambda-Runtime-Invoked-Function-Arn} names
     * @param timeout the function's timeout, for {@code Lambda-Runtime-Deadline-Ms}
     */
    public static RuntimeApiEmulator start(String functionArn, Duration timeout) throws IOException {
        var server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        var emulator = new RuntimeApiEmulator(server, functionArn, timeout);
        emulator.spawn("runtime-api-accept", emulator::accept);
        return emulator;
    }

    /** What {@code AWS_LAMBDA_RUNTIME_API} is set to: {@code host:port}. */
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /**
     * Completes with the {@code nanoTime} of the runtime's first {@code /next}, or exceptionally with
     * {@link RuntimeInitException} when the runtime reports an init error.
     */
    public CompletableFuture<Long> initialized() {
        return initialized;
    }

    /** Queues an event for the runtime's next {@code /next}; completes when the runtime has answered it. */
    public CompletableFuture<Invocation> submit(byte[] event) {
        var pending = new Pending(UUID.randomUUID().toString(), event.clone(), new CompletableFuture<>());
        events.add(pending);
        return pending.result;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        connections.forEach(RuntimeApiEmulator::closeQuietly);
        threads.forEach(Thread::interrupt);
        var failure = new IllegalStateException("The Runtime API emulator was closed");
        initialized.completeExceptionally(failure);
        events.forEach(p -> p.result.completeExceptionally(failure));
        inFlight.values().forEach(p -> p.result.completeExceptionally(failure));
    }

    private void accept() {
        while (!closed) {
            try {
                var socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                spawn("runtime-api-connection", () -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void spawn(String name, Runnable task) {
        var thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
    }

    /** One keep-alive connection: requests in order until the runtime closes it. */
    private void serve(Socket socket) {
        try (socket) {
            var in = new BufferedInputStream(socket.getInputStream());
            var out = socket.getOutputStream();
            while (!closed) {
                var request = RuntimeRequest.readHead(in);
                if (request == null) {
                    return;
                }
                if (request.expectsContinue()) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                var body = request.readBody(in);
                if (!route(request, body, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The runtime went away (killed, or the process ended): nothing to answer.
        } finally {
            connections.remove(socket);
        }
    }

    /** Answers one request; false when the connection must end (the emulator is closing). */
    private boolean route(RuntimeRequest request, byte[] body, OutputStream out) throws IOException {
        var path = request.path();
        if (request.method().equals("GET") && path.equals(NEXT)) {
            return next(out);
        }
        if (request.method().equals("POST") && path.equals(INIT_ERROR)) {
            initialized.completeExceptionally(new RuntimeInitException(
                    request.header("lambda-runtime-function-error-type"), new String(body, StandardCharsets.UTF_8)));
            respond(out, 202, "Accepted", Map.of(), ACCEPTED);
            return true;
        }
        if (request.method().equals("POST") && path.startsWith(INVOCATION)) {
            long received = System.nanoTime();
            var rest = path.substring(INVOCATION.length());
            var slash = rest.indexOf('/');
            var id = slash < 0 ? rest : rest.substring(0, slash);
            var kind = slash < 0 ? "" : rest.substring(slash + 1);
            var pending = inFlight.remove(id);
            if (pending == null || !(kind.equals("response") || kind.equals("error"))) {
                respond(
                        out,
                        400,
                        "Bad Request",
                        Map.of(),
                        "{\"errorType\":\"InvalidRequestID\"}".getBytes(StandardCharsets.US_ASCII));
                return true;
            }
            respond(out, 202, "Accepted", Map.of(), ACCEPTED);
            var error = kind.equals("error") ? request.header("lambda-runtime-function-error-type") : null;
            pending.result.complete(new Invocation(
                    id, pending.handedOut, received, kind.equals("response"), error == null ? "" : error, body));
            return true;
        }
        respond(out, 404, "Not Found", Map.of(), "{\"errorType\":\"NotFound\"}".getBytes(StandardCharsets.US_ASCII));
        return true;
    }

    private boolean next(OutputStream out) throws IOException {
        initialized.complete(System.nanoTime());
        Pending pending;
        try {
            pending = events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        headers.put("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + timeout.toMillis()));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.put("Lambda-Runtime-Trace-Id", traceId());
        inFlight.put(pending.requestId, pending);
        pending.handedOut = System.nanoTime();
        respond(out, 200, "OK", headers, pending.event);
        return true;
    }

    /** Status line, headers and body in one write. */
    private static void respond(OutputStream out, int status, String reason, Map<String, String> headers, byte[] body)
            throws IOException {
        var head = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!headers.containsKey("Content-Type")) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        var bytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        var message = new byte[bytes.length + body.length];
        System.arraycopy(bytes, 0, message, 0, bytes.length);
        System.arraycopy(body, 0, message, bytes.length, body.length);
        out.write(message);
        out.flush();
    }

    /** An X-Ray trace header as Lambda sends it with active tracing, not sampled. */
    private static String traceId() {
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        var id = new byte[12];
        var parent = new byte[8];
        random.nextBytes(id);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(id) + ";Parent="
                + hex.formatHex(parent) + ";Sampled=0";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    /** An event waiting for, or handed to, the runtime. */
    private static final class Pending {
        private final String requestId;
        private final byte[] event;
        private final CompletableFuture<Invocation> result;
        private volatile long handedOut;

        Pending(String requestId, byte[] event, CompletableFuture<Invocation> result) {
            this.requestId = requestId;
            this.event = event;
            this.result = result;
        }
    }
}
