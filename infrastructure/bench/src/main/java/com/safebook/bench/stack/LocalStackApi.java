package com.safebook.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The running local stack's HTTP API, used to prepare data as a customer would create it: bookings
 * (for their manage tokens), the consent purposes' policy versions, and the stack's own configuration.
 */
public final class LocalStackApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 20;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;

    public LocalStackApi(URI api) {
        this.api = api;
    }

    /** {@code GET /local/config}: {@code apiUrl}, {@code awsEndpointUrl}, {@code region}, ... */
    public JsonNode config() {
        return get("/local/config");
    }

    /** The policy version in force of a purpose ({@code GET /consent-purposes}). */
    public String policyVersion(String purpose) {
        for (var p : get("/consent-purposes").path("purposes")) {
            if (p.path("purpose").asText().equals(purpose)) {
                return p.path("policyVersion").asText();
            }
        }
        throw new IllegalStateException("The stack offers no consent purpose " + purpose);
    }

    /** {@code POST /bookings}; answers the 201's body ({@code bookingId}, {@code manageToken}, ...). */
    public JsonNode book(ObjectNode body) {
        var request = HttpRequest.newBuilder(api.resolve("/bookings"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .timeout(Duration.ofSeconds(30))
                .build();
        var response = send(request);
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "Booking through the stack answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    private JsonNode get(String path) {
        var request = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        var response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Sends, waiting out the API's throttling (429) as a client would. */
    private HttpResponse<String> send(HttpRequest request) {
        try {
            for (int attempt = 1; ; attempt++) {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 429 || attempt >= ATTEMPTS) {
                    return response;
                }
                Thread.sleep(200L * attempt);
            }
        } catch (IOException e) {
            throw new IllegalStateException("The local stack's API at " + api + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("The stack answered something that is not JSON", e);
        }
    }
}
