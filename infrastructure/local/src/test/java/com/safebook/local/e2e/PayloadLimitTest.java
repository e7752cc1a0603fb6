package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two limits on a body, over HTTP: API Gateway's 10 MB (the gateway answers, no function runs) and
 * the functions' own 16 KB (ApiRequest), each at its edge. A refused body is never repeated.
 */
class PayloadLimitTest {
    private static final int GATEWAY_LIMIT = 10 * 1024 * 1024;
    private static final int FUNCTION_LIMIT = 16 * 1024;

    private final ApiUnderTest api = new ApiUnderTest();

    @Test
    void post_bodyOverTenMegabytes_isRefusedByTheGatewayAsPayloadTooLarge() {
        var refused = post(notes(GATEWAY_LIMIT + 1));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:safebook:problem:payload-too-large");
        assertThat(refused.body()).doesNotContain("secret-notes");
    }

    @Test
    void post_bodyOfTenMegabytes_passesTheGatewayAndTheFunctionRefusesIt() {
        var refused = post(notes(GATEWAY_LIMIT));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:safebook:problem:body-too-large");
        assertThat(refused.body()).doesNotContain("secret-notes");
    }

    @Test
    void post_bodyOneByteOverSixteenKilobytes_isRefusedByTheFunction() {
        var refused = post(notes(FUNCTION_LIMIT + 1));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:safebook:problem:body-too-large");
    }

    @Test
    void post_bodyOfSixteenKilobytes_isRead() {
        var read = post(notes(FUNCTION_LIMIT));

        // Read and validated: the notes are too long for a booking, which is a 422, not a 413.
        assertThat(read.status()).isEqualTo(422);
        assertThat(read.json().path("type").asText()).isEqualTo("urn:safebook:problem:validation-failed");
        assertThat(read.body()).doesNotContain("secret-notes");
    }

    /** A booking whose notes pad the body to exactly {@code size} bytes (ASCII). */
    private static String notes(int size) {
        var head =
                "{\"serviceId\":\"follow-up\",\"start\":\"2030-01-07T09:00:00+01:00\",\"customer\":{\"name\":\"Kim\","
                        + "\"email\":\"kim@example.com\"},\"notes\":\"secret-notes ";
        var tail = "\"}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    private ApiUnderTest.Response post(String body) {
        return api.post(
                "/bookings",
                body,
                Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()));
    }
}
