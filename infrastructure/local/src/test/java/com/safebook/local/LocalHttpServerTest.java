package com.safebook.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalHttpServerTest {
    @Test
    void aServer_itsConnectionsSetNoDelay_andItAnswersHeadersAndBody() throws Exception {
        var body = "x".repeat(8_000).getBytes(StandardCharsets.UTF_8);
        try (var server = new LocalHttpServer("127.0.0.1", 0, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        })) {
            server.start();

            // The JDK's server reads the switch when it makes its first server, which this class's
            // initialiser precedes: no answer of the stack waits on Nagle's algorithm.
            assertThat(System.getProperty(LocalHttpServer.NO_DELAY)).isEqualTo("true");
            try (var client = HttpClient.newHttpClient()) {
                var answer = client.send(
                        HttpRequest.newBuilder(server.uri().resolve("/day")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(body);
            }
        }
    }
}
