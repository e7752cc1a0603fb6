package com.safebook.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.metrics.MetricCollector;

class BufferedUrlConnectionHttpClientTest {
    private static final String BODY = "{\"TableName\":\"BookingsTable\",\"Key\":{\"pk\":{\"S\":\"é\"}}}";

    /** What an HTTP server was sent: each request's headers and body, and the connection it came on. */
    private record Received(int connection, String requestLine, List<String> headers, String body) {
        String header(String name) {
            return headers.stream()
                    .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(h -> h.substring(h.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(null);
        }
    }

    @Test
    void prepareRequest_dropsContentLength_andPassesTheRestOn() {
        var seen = new AtomicReference<HttpExecuteRequest>();
        var client = new BufferedUrlConnectionHttpClient(recording(seen));
        var content = ContentStreamProvider.fromUtf8String(BODY);
        var metrics = MetricCollector.create("test");

        client.prepareRequest(HttpExecuteRequest.builder()
                .request(post(BODY.getBytes(StandardCharsets.UTF_8).length))
                .contentStreamProvider(content)
                .metricCollector(metrics)
                .build());

        var passed = seen.get();
        assertThat(passed.httpRequest().firstMatchingHeader("Content-Length")).isEmpty();
        assertThat(passed.httpRequest().firstMatchingHeader("X-Amz-Target")).contains("DynamoDB_20120810.GetItem");
        assertThat(passed.httpRequest().firstMatchingHeader("Authorization")).contains("AWS4-HMAC-SHA256 signed");
        assertThat(passed.httpRequest().getUri()).isEqualTo(URI.create("http://127.0.0.1:1/"));
        assertThat(passed.contentStreamProvider()).containsSame(content);
        assertThat(passed.metricCollector()).containsSame(metrics);
    }

    @Test
    void prepareRequest_withoutContentLength_isPassedAsItIs() {
        var seen = new AtomicReference<HttpExecuteRequest>();
        var client = new BufferedUrlConnectionHttpClient(recording(seen));
        var request = HttpExecuteRequest.builder()
                .request(SdkHttpFullRequest.builder()
                        .method(SdkHttpMethod.GET)
                        .uri(URI.create("http://127.0.0.1:1/"))
                        .build())
                .build();

        client.prepareRequest(request);

        assertThat(seen.get()).isSameAs(request);
    }

    @Test
    void requests_arriveWhole_withTheirLength_overOneKeptAliveConnection() throws Exception {
        try (var server = new OneShotServer(false);
                var client = BufferedUrlConnectionHttpClient.create()) {
            for (int i = 0; i < 3; i++) {
                assertThat(call(client, server.uri())).isEqualTo("ok");
            }

            var received = server.received();
            assertThat(received).hasSize(3);
            assertThat(received).allSatisfy(r -> {
                assertThat(r.requestLine()).startsWith("POST / ");
                assertThat(r.body()).isEqualTo(BODY);
                assertThat(r.header("Content-Length"))
                        .isEqualTo(Integer.toString(BODY.getBytes(StandardCharsets.UTF_8).length));
                assertThat(r.header("Authorization")).isEqualTo("AWS4-HMAC-SHA256 signed");
            });
            assertThat(received).extracting(Received::connection).containsOnly(1);
        }
    }

    @Test
    void keptAliveConnectionClosedByTheServer_requestIsSentAgainOnANewOne() throws Exception {
        try (var server = new OneShotServer(true);
                var client = BufferedUrlConnectionHttpClient.create()) {
            assertThat(call(client, server.uri())).isEqualTo("ok");
            // The server closed that connection after answering, without saying so.
            Thread.sleep(100);
            assertThat(call(client, server.uri())).isEqualTo("ok");

            assertThat(server.received()).extracting(Received::body).containsExactly(BODY, BODY);
            assertThat(server.received()).extracting(Received::connection).containsExactly(1, 2);
        }
    }

    private static String call(SdkHttpClient client, URI uri) throws IOException {
        var response = client.prepareRequest(HttpExecuteRequest.builder()
                        .request(post(BODY.getBytes(StandardCharsets.UTF_8).length).toBuilder()
                                .uri(uri)
                                .build())
                        .contentStreamProvider(ContentStreamProvider.fromUtf8String(BODY))
                        .build())
                .call();
        assertThat(response.httpResponse().statusCode()).isEqualTo(200);
        try (var body = response.responseBody().orElseThrow()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SdkHttpFullRequest post(int length) {
        return SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:1/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .putHeader("Authorization", "AWS4-HMAC-SHA256 signed")
                .putHeader("Content-Length", Integer.toString(length))
                .build();
    }

    private static SdkHttpClient recording(AtomicReference<HttpExecuteRequest> seen) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                seen.set(request);
                return null;
            }

            @Override
            public void close() {}
        };
    }

    /**
     * An HTTP/1.1 server on a socket of its own, answering {@code ok} with keep-alive; if told, it
     * closes each connection after one answer without saying so, as a server whose idle timeout has
     * passed does.
     */
    private static final class OneShotServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final AtomicReference<Socket> open = new AtomicReference<>();
        private final Thread thread;

        OneShotServer(boolean closeAfterEachAnswer) throws IOException {
            thread = Thread.ofPlatform().daemon().start(() -> {
                int connections = 0;
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        connections++;
                        open.set(connection);
                        var in = connection.getInputStream();
                        do {
                            var request = read(connections, in);
                            if (request == null) {
                                break;
                            }
                            received.add(request);
                            connection
                                    .getOutputStream()
                                    .write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                            .getBytes(StandardCharsets.US_ASCII));
                        } while (!closeAfterEachAnswer);
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        List<Received> received() {
            return received;
        }

        private static Received read(int connection, InputStream in) throws IOException {
            var lines = new java.util.ArrayList<String>();
            var line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    var text = line.toString(StandardCharsets.US_ASCII).strip();
                    line.reset();
                    if (text.isEmpty()) {
                        break;
                    }
                    lines.add(text);
                } else {
                    line.write(b);
                }
            }
            if (lines.isEmpty()) {
                return null;
            }
            var partial = new Received(connection, lines.getFirst(), lines.subList(1, lines.size()), "");
            var length = Integer.parseInt(partial.header("Content-Length"));
            var body = new ByteArrayInputStream(in.readNBytes(length));
            return new Received(
                    connection,
                    partial.requestLine(),
                    partial.headers(),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws Exception {
            socket.close();
            var connection = open.get();
            if (connection != null) {
                connection.close();
            }
            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }
}
