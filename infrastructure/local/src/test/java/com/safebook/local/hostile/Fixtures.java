package com.safebook.local.hostile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.local.hostile.HandlersInProcess.Function;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Real bookings made through the booking handler before the hostile calls, so that those can carry
 * valid ids and manage tokens (and reach the data) as often as spoiled ones.
 */
final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A booking and what its customer holds: the id, the manage token, the email and the local day. */
    record Booked(String bookingId, String manageToken, String email, String day) {}

    private Fixtures() {}

    /** The free slots of {@code serviceId} from the day after tomorrow, for four weeks. */
    static List<String> freeSlots(HandlersInProcess handlers, String serviceId) {
        var from = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        var event = event("GET", "/availability")
                .withQueryStringParameters(Map.of(
                        "serviceId",
                        serviceId,
                        "from",
                        from.toString(),
                        "to",
                        from.plusDays(27).toString()));
        var answer = json(handlers.invoke(Function.BOOKING, event).response().getBody());
        var slots = new ArrayList<String>();
        answer.path("slots").forEach(slot -> slots.add(slot.path("start").asText()));
        if (slots.isEmpty()) {
            throw new IllegalStateException("No free slot of " + serviceId);
        }
        return slots;
    }

    /** {@code count} bookings of the consultation, at random free slots, by different people. */
    static List<Booked> book(HandlersInProcess handlers, int count) {
        var slots = new ArrayList<>(freeSlots(handlers, "consultation"));
        Collections.shuffle(slots, new Random());
        var booked = new ArrayList<Booked>();
        for (int i = 0; booked.size() < count && i < slots.size(); i++) {
            var start = slots.get(i);
            var email = "fixture-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            var body = "{\"serviceId\":\"consultation\",\"start\":\"" + start
                    + "\",\"customer\":{\"name\":\"Fixture Person\",\"email\":\"" + email
                    + "\",\"phone\":\"+49 30 1234567\"},\"notes\":\"Fixture notes\","
                    + "\"consents\":{\"health-notes\":{\"granted\":true,\"policyVersion\":\"2026-03-01\"}}}";
            var event = event("POST", "/bookings")
                    .withHeaders(Map.of(
                            "Content-Type",
                            "application/json",
                            "Idempotency-Key",
                            UUID.randomUUID().toString()))
                    .withBody(body);
            var response = handlers.invoke(Function.BOOKING, event).response();
            if (response.getStatusCode() == 409) {
                continue; // taken meanwhile (an earlier test class of this JVM booked it)
            }
            if (response.getStatusCode() != 201) {
                throw new IllegalStateException("A fixture booking was refused: " + response.getBody());
            }
            var created = json(response.getBody());
            booked.add(new Booked(
                    created.path("bookingId").asText(),
                    created.path("manageToken").asText(),
                    email,
                    start.substring(0, 10)));
        }
        return booked;
    }

    private static APIGatewayProxyRequestEvent event(String method, String resource) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(resource)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString()));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }
}
