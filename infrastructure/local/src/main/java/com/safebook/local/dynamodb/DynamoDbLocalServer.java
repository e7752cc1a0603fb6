package com.safebook.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local in this JVM, on a free port of the loopback interface, behind the local stack's
 * AWS endpoint. One shared database (whatever the caller's credentials and region), kept in the
 * data directory or only in memory. With a data directory it can be stopped and started again on the
 * same port, keeping every committed write, as a test of what clients see while DynamoDB is away.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    private final int port;
    private final List<String> args;
    private final boolean persistent;
    private DynamoDBProxyServer server;

    private DynamoDbLocalServer(int port, List<String> args, boolean persistent) {
        this.port = port;
        this.args = List.copyOf(args);
        this.persistent = persistent;
    }

    public static DynamoDbLocalServer start(Optional<Path> dataDirectory) throws Exception {
        int port = freePort();
        var args = new ArrayList<String>();
        args.add("-port");
        args.add(Integer.toString(port));
        args.add("-sharedDb");
        args.add("-disableTelemetry");
        if (dataDirectory.isPresent()) {
            args.add("-dbPath");
            args.add(dataDirectory.get().toString());
        } else {
            args.add("-inMemory");
        }
        var local = new DynamoDbLocalServer(port, args, dataDirectory.isPresent());
        local.serve();
        return local;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Stops DynamoDB Local (requests in flight are cut off; connections are refused), waits
     * {@code downtime}, and starts it again on the same port over the same database file.
     *
     * @throws IllegalStateException if it keeps its data in memory, which a stop would lose
     */
    public synchronized void restart(Duration downtime) throws Exception {
        if (!persistent) {
            throw new IllegalStateException(
                    "DynamoDB Local keeps this stack's data in memory, which a restart would lose: start the stack"
                            + " with a data directory");
        }
        server.stop();
        server = null;
        Thread.sleep(downtime.toMillis());
        serve();
    }

    @Override
    public synchronized void close() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private void serve() throws Exception {
        var created = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        bindToLoopback(created);
        created.start();
        server = created;
    }

    /** DynamoDB Local offers no host option and would listen on every interface; keep it local. */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        var field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        var jetty = (Server) field.get(proxy);
        for (var connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost("127.0.0.1");
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
