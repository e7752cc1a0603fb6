package com.safebook.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local in this JVM, on a free port of the loopback interface, behind the local stack's
 * AWS endpoint. One shared database (whatever the caller's credentials and region), kept in the
 * data directory or only in memory.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
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
        var server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        bindToLoopback(server);
        server.start();
        return new DynamoDbLocalServer(server, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
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
