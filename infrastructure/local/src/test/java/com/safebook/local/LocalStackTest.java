package com.safebook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack as a program: its data directory, its restart, its configuration endpoint. */
class LocalStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void start_withDataDirectory_keepsBookingsKeysAndTheUserPoolAcrossARestart(@TempDir Path dir) throws Exception {
        var data = dir.resolve("data");
        var options = new LocalStackOptions(
                0,
                0,
                Optional.of(data),
                Optional.of(Path.of("../../template.yaml")),
                Optional.of(1000.0),
                Optional.of(1000.0),
                true,
                0,
                0);
        String bookingId;
        String token;
        String userPoolId;
        String userPoolClientId;
        try (var stack = LocalStack.start(options)) {
            var config = JSON.readTree(get(stack.apiUrl() + "/local/config").body());
            assertThat(config.path("apiUrl").asText()).isEqualTo(stack.apiUrl());
            assertThat(config.path("awsEndpointUrl").asText()).isEqualTo(stack.awsEndpointUrl());
            assertThat(config.path("region").asText()).isEqualTo("us-east-1");
            userPoolId = config.path("userPoolId").asText();
            userPoolClientId = config.path("userPoolClientId").asText();
            assertThat(userPoolId).startsWith("us-east-1_");
            assertThat(userPoolClientId).isNotBlank();
            var from = LocalDate.now().plusDays(3);
            var start = JSON.readTree(get(stack.apiUrl() + "/availability?serviceId=follow-up&from=" + from + "&to="
                                    + from.plusDays(7))
                            .body())
                    .path("slots")
                    .get(0)
                    .path("start")
                    .asText();
            var created = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/bookings"))
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"serviceId\":\"follow-up\",\"start\":\"" + start
                                                            + "\",\"customer\":{\"name\":\"Kept\",\"email\":\"kept@example.com\"}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            bookingId = created.path("bookingId").asText();
            token = created.path("manageToken").asText();
        }

        assertThat(Files.getPosixFilePermissions(data))
                .containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        try (var restarted = LocalStack.start(options)) {
            var config = JSON.readTree(get(restarted.apiUrl() + "/local/config").body());
            assertThat(config.path("userPoolId").asText()).isEqualTo(userPoolId);
            assertThat(config.path("userPoolClientId").asText()).isEqualTo(userPoolClientId);
            var read = http.send(
                    HttpRequest.newBuilder(URI.create(restarted.apiUrl() + "/bookings/" + bookingId))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("customer").path("name").asText())
                    .isEqualTo("Kept");
            var services =
                    JSON.readTree(get(restarted.apiUrl() + "/services").body()).path("services");
            assertThat(services)
                    .as("demo data is seeded once, not again on restart")
                    .hasSize(3);
        }
    }

    @Test
    void parse_unknownFlagOrBadPort_isRefusedWithAClearMessage() {
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--bogus"}))
                .hasMessage("Unknown option --bogus");
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--port", "70000"}))
                .hasMessageContaining("--port must be a port number");
        assertThat(LocalStackOptions.parse(new String[] {"--in-memory", "--port", "0"})
                        .dataDirectory())
                .isEmpty();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
