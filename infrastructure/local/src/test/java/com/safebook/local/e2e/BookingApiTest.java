package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The public booking API over HTTP, as a customer's browser or curl uses it. */
class BookingApiTest {
    private final ApiUnderTest api = new ApiUnderTest();

    @Test
    void services_anyone_listsTheCatalogue() {
        var response = api.get("/services");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("services")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.path("serviceId").asText()).isNotBlank();
            assertThat(s.path("name").asText()).isNotBlank();
            assertThat(s.path("durationMinutes").asInt()).isPositive();
        });
    }

    @Test
    void availability_nextDays_listsFutureSlotsWithOffsets() {
        var from = LocalDate.now();
        var response = api.get("/availability?serviceId=consultation&from=" + from + "&to=" + from.plusDays(6));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("slots")).isNotEmpty().allSatisfy(slot -> assertThat(
                        slot.path("start").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"));
    }

    @Test
    void availability_moreThan31Days_isRefused() {
        var from = LocalDate.now();
        var response = api.get("/availability?serviceId=consultation&from=" + from + "&to=" + from.plusDays(40));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void book_thenReadWithToken_showsTheBookingAndItsCustomer() {
        var start = api.freeSlot("follow-up");

        var created = api.book("follow-up", start, "Grace Hopper", "grace@example.com", ApiUnderTest.newKey());

        assertThat(created.status()).isEqualTo(201);
        var booking = created.json();
        assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(booking.path("start").asText()).isEqualTo(start);
        assertThat(booking.path("manageToken").asText()).hasSizeGreaterThanOrEqualTo(22);
        var read = api.get(
                "/bookings/" + booking.path("bookingId").asText(),
                Map.of("Authorization", "Bearer " + booking.path("manageToken").asText()));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("customer").path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(read.json().has("manageToken")).isFalse();
    }

    @Test
    void read_wrongMissingOrUnknown_allAnswerTheSame404() {
        var created = api.book(
                        "follow-up", api.freeSlot("follow-up"), "Alan", "alan@example.com", ApiUnderTest.newKey())
                .json();
        var id = created.path("bookingId").asText();

        var wrong = api.get("/bookings/" + id, Map.of("Authorization", "Bearer not-the-token"));
        var missing = api.get("/bookings/" + id);
        var unknown = api.get(
                "/bookings/0000000000000000000000000a",
                Map.of("Authorization", "Bearer " + created.path("manageToken").asText()));

        for (var response : List.of(wrong, missing, unknown)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:booking-not-found");
            assertThat(response.json().path("detail").asText())
                    .isEqualTo(wrong.json().path("detail").asText());
        }
    }

    @Test
    void book_sameKeySameBody_replaysTheFirstAnswer() {
        var start = api.freeSlot("follow-up");
        var key = ApiUnderTest.newKey();

        var first = api.book("follow-up", start, "Edsger", "edsger@example.com", key);
        var again = api.book("follow-up", start, "Edsger", "edsger@example.com", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
    }

    @Test
    void book_sameKeyOtherBody_is422() {
        var key = ApiUnderTest.newKey();
        api.book("follow-up", api.freeSlot("follow-up"), "Barbara", "barbara@example.com", key);

        var other = api.book("follow-up", api.freeSlot("follow-up"), "Barbara", "other@example.com", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).isEqualTo("urn:safebook:problem:idempotency-key-reused");
    }

    @Test
    void book_fiftyConcurrentRequestsForOneSlot_exactlyOneWins() throws Exception {
        var start = api.freeSlot("consultation");
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 50; i++) {
            var name = "Racer " + i;
            tasks.add(() -> api.book(
                            "consultation",
                            start,
                            name,
                            "racer" + name.length() + "@example.com",
                            ApiUnderTest.newKey())
                    .status());
        }
        var statuses = new HashMap<Integer, Integer>();
        try (var pool = Executors.newFixedThreadPool(50)) {
            for (var future : pool.invokeAll(tasks)) {
                statuses.merge(future.get(), 1, Integer::sum);
            }
        }

        assertThat(statuses).containsOnlyKeys(201, 409).containsEntry(201, 1).containsEntry(409, 49);
    }

    @Test
    void cancel_thenRebook_theSlotIsFreeAgain() {
        var start = api.freeSlot("follow-up");
        var first = api.book("follow-up", start, "Ada", "ada@example.com", ApiUnderTest.newKey())
                .json();
        var auth = Map.of("Authorization", "Bearer " + first.path("manageToken").asText());

        var cancelled = api.delete("/bookings/" + first.path("bookingId").asText(), auth);
        var rebooked = api.book("follow-up", start, "Charles", "charles@example.com", ApiUnderTest.newKey());

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(rebooked.status()).isEqualTo(201);
    }

    record BadRequest(String name, String body, Map<String, String> headers, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadRequest> badRequests() {
        var json =
                Map.of("Content-Type", "application/json", "Idempotency-Key", "a1b2c3d4-e5f6-4789-abcd-ef0123456789");
        var valid = "\"serviceId\":\"follow-up\",\"start\":\"2030-01-07T09:00:00+01:00\"";
        var customer = "\"customer\":{\"name\":\"Secret Person\",\"email\":\"secret.person@example.com\"}";
        return List.of(
                new BadRequest(
                        "too large",
                        "{" + valid + "," + customer + ",\"notes\":\"" + "x".repeat(17_000) + "\"}",
                        json,
                        413,
                        "body-too-large"),
                new BadRequest(
                        "unknown field",
                        "{" + valid + "," + customer + ",\"isAdmin\":true}",
                        json,
                        400,
                        "unknown-field"),
                new BadRequest("not JSON", "{" + valid + ", Secret Person", json, 400, "malformed-json"),
                new BadRequest(
                        "duplicate key",
                        "{" + valid + "," + customer + "," + customer + "}",
                        json,
                        400,
                        "malformed-json"),
                new BadRequest(
                        "wrong type",
                        "{" + valid + ",\"customer\":{\"name\":42,\"email\":\"secret.person@example.com\"}}",
                        json,
                        400,
                        "wrong-type"),
                new BadRequest(
                        "card number",
                        "{" + valid + "," + customer + ",\"notes\":\"card 4111 1111 1111 1111\"}",
                        json,
                        422,
                        "validation-failed"),
                new BadRequest(
                        "bad email",
                        "{" + valid + ",\"customer\":{\"name\":\"Secret Person\",\"email\":\"secret.person\"}}",
                        json,
                        422,
                        "validation-failed"),
                new BadRequest(
                        "no idempotency key",
                        "{" + valid + "," + customer + "}",
                        Map.of("Content-Type", "application/json"),
                        400,
                        "idempotency-key-missing"),
                new BadRequest(
                        "not JSON content",
                        "{" + valid + "," + customer + "}",
                        Map.of("Content-Type", "text/plain", "Idempotency-Key", "a1b2c3d4-e5f6-4789-abcd-ef0123456789"),
                        415,
                        "unsupported-media-type"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void book_badInput_isAProblemThatEchoesNothing(BadRequest bad) {
        var response = api.post("/bookings", bad.body(), bad.headers());

        assertThat(response.status()).isEqualTo(bad.status());
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:" + bad.type());
        assertThat(response.body())
                .doesNotContain("Secret Person", "secret.person", "4111 1111 1111 1111", "Exception", "at com.");
    }

    @Test
    void unknownRoute_isAProblem404() {
        var response = api.get("/admin");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:route-not-found");
        assertThat(response.json().path("requestId").asText()).isNotBlank().doesNotContain("$context");
    }
}
