package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.aws.testing.RawTables;
import com.safebook.local.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Export (GDPR Art. 15, 20) and erasure (Art. 17) over HTTP: a person with several bookings gets
 * everything held about them, then erases themselves; afterwards every token of theirs answers
 * 404, a retry answers the same receipt, and no table or log holds anything of them.
 */
class ExportAndErasureTest {
    private static final Path LOG = Path.of("target/test-logs/local-stack.log");
    private final ApiUnderTest api = new ApiUnderTest();

    @Test
    void export_severalBookings_isOneDocumentWithAllOfThem() {
        var email = "export-" + ApiUnderTest.newKey() + "@example.com";
        var first = book("Edda Exportson", email, "consultation");
        var second = book("Edda Exportson", email.toUpperCase(), "follow-up");

        var export = api.get("/me/data", bearer(second.path("manageToken").asText()));

        assertThat(export.status()).isEqualTo(200);
        var document = export.json();
        assertThat(document.path("schemaVersion").asInt()).isPositive();
        assertThat(ids(document.path("bookings")))
                .containsExactlyInAnyOrder(
                        first.path("bookingId").asText(),
                        second.path("bookingId").asText());
        assertThat(document.path("bookings")
                        .get(0)
                        .path("customer")
                        .path("name")
                        .asText())
                .isEqualTo("Edda Exportson");
        assertThat(document.has("consentHistory")).isTrue();
        assertThat(document.has("staffAccesses")).isTrue();
        assertThat(document.toString()).doesNotContain("manageToken", "subjectId");
    }

    @Test
    void erase_personWithSeveralBookings_leavesNothingAndEveryTokenAnswers404() throws IOException {
        var name = "Oswin Forgetmenot";
        var email = "oswin.forgetmenot-" + ApiUnderTest.newKey().substring(0, 8) + "@example.org";
        var phone = "+44 20 7946 0321";
        var bookings = List.of(
                book(name, email, "consultation"), book(name, email, "follow-up"), book(name, email, "follow-up"));
        var token = bookings.get(0).path("manageToken").asText();
        var freedSlot = bookings.get(1).path("start").asText();

        var erased = api.post("/erasure-requests", "", bearer(token));

        assertThat(erased.status()).isEqualTo(201);
        var receipt = erased.json();
        assertThat(receipt.path("keyDestroyed").asBoolean()).isTrue();
        assertThat(receipt.path("cancelledBookings").asInt()).isEqualTo(3);
        assertThat(receipt.path("erasureId").asText()).isNotBlank();
        assertThat(receipt.toString()).doesNotContain(name, email, token);

        // Safe to retry, with any of the person's tokens: the same receipt.
        var again = api.post(
                "/erasure-requests",
                "",
                bearer(bookings.get(2).path("manageToken").asText()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("erasureId").asText())
                .isEqualTo(receipt.path("erasureId").asText());
        assertThat(again.json().path("removed")).isEqualTo(receipt.path("removed"));

        for (var booking : bookings) {
            var t = booking.path("manageToken").asText();
            assertThat(api.get("/bookings/" + booking.path("bookingId").asText(), bearer(t))
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/me/data", bearer(t)).status()).isEqualTo(404);
            assertThat(api.get("/consents", bearer(t)).status()).isEqualTo(404);
        }
        // The cancelled future bookings freed their slots.
        assertThat(api.book("follow-up", freedSlot, "Next", "next@example.com", ApiUnderTest.newKey())
                        .status())
                .isEqualTo(201);

        var stack = ApiUnderTest.localStack();
        assumeTrue(stack.isPresent(), "the raw scan needs the local stack in this JVM");
        var needles = new ArrayList<>(List.of(name, "Forgetmenot", email, phone, "0321"));
        for (var booking : bookings) {
            needles.add(booking.path("bookingId").asText());
            needles.add(booking.path("manageToken").asText());
        }
        try (var dynamoDb = rawClient(stack.get())) {
            var tables = dynamoDb.listTables().tableNames();
            var items = RawTables.scan(dynamoDb, tables);
            // Booking ids stay only in audit records (pseudonymous, no personal data); nothing else.
            var outsideAudit = RawTables.scan(
                    dynamoDb,
                    tables.stream().filter(t -> !t.equals("AuditTable")).toList());
            assertThat(RawTables.found(outsideAudit, needles)).isEmpty();
            assertThat(RawTables.found(items, List.of(name, email, phone, token)))
                    .isEmpty();
        }
        var logged = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(logged).contains("POST /erasure-requests");
        assertThat(List.of(name, email, phone, token))
                .allSatisfy(n -> assertThat(logged).doesNotContain(n));
    }

    @Test
    void erase_withoutOrWithAnUnknownToken_is404() {
        assertThat(api.post("/erasure-requests", "", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/erasure-requests", "", bearer("not-a-token")).status())
                .isEqualTo(404);
        assertThat(api.get("/me/data", bearer("x".repeat(43))).status()).isEqualTo(404);
    }

    private JsonNode book(String name, String email, String service) {
        var start = api.freeSlot(service);
        var body = "{\"serviceId\":\"" + service + "\",\"start\":\"" + start + "\",\"customer\":{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\",\"phone\":\"+44 20 7946 0321\"}}";
        var response = api.post(
                "/bookings",
                body,
                Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static List<String> ids(JsonNode bookings) {
        var ids = new ArrayList<String>();
        bookings.forEach(b -> ids.add(b.path("bookingId").asText()));
        return ids;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static DynamoDbClient rawClient(LocalStack stack) {
        return ApiUnderTest.rawDynamoDb(stack);
    }
}
