package com.safebook.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar, started as a user starts it ({@code java -jar safebook-local.jar}), in its own
 * process: what the in-process tests cannot see, such as a class missing from the jar.
 */
class LocalStackJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void jar_startsAndTakesABookingEndToEnd() throws Exception {
        int port = freePort();
        int awsPort = freePort();
        var log = Path.of("target/test-logs/jar-it.log");
        Files.createDirectories(log.getParent());
        var java = ProcessHandle.current().info().command().orElse("java");
        var process = new ProcessBuilder(List.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        "target/safebook-local.jar",
                        "--in-memory",
                        "--port",
                        Integer.toString(port),
                        "--aws-port",
                        Integer.toString(awsPort)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            var api = "http://127.0.0.1:" + port;
            awaitConfig(api, process);
            assertThat(get(api + "/services").statusCode()).isEqualTo(200);

            var from = LocalDate.now().plusDays(2);
            var slots = JSON.readTree(
                            get(api + "/availability?serviceId=follow-up&from=" + from + "&to=" + from.plusDays(14))
                                    .body())
                    .path("slots");
            assertThat(slots).isNotEmpty();
            var body = "{\"serviceId\":\"follow-up\",\"start\":\""
                    + slots.get(0).path("start").asText()
                    + "\",\"customer\":{\"name\":\"Jarvis Quillfeather\",\"email\":\"jarvis.q@example.com\"}}";
            var booked = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/bookings"))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
            var booking = JSON.readTree(booked.body());
            var read = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/bookings/"
                                    + booking.path("bookingId").asText()))
                            .header(
                                    "Authorization",
                                    "Bearer " + booking.path("manageToken").asText())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("Jarvis Quillfeather");

            // The operators' checker is a command of the same jar.
            var check = new ProcessBuilder(List.of(
                            java,
                            "--enable-native-access=ALL-UNNAMED",
                            "-jar",
                            "target/safebook-local.jar",
                            "check-invariants",
                            "--endpoint",
                            "http://127.0.0.1:" + awsPort))
                    .redirectErrorStream(true)
                    .start();
            var checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as(checked).isEqualTo(0);
            assertThat(checked).contains("Checked BookingsTable (").endsWith("CLEAN\n");
        } finally {
            process.destroy();
            process.waitFor();
        }
        assertThat(Files.readString(log)).contains("POST /bookings").doesNotContain("Quillfeather", "jarvis.q");
    }

    private void awaitConfig(String api, Process process) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The jar exited with " + process.exitValue());
            }
            try {
                if (get(api + "/local/config").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The jar did not answer within 60 s");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
