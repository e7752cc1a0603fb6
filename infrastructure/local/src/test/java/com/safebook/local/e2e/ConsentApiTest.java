package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.aws.testing.RawTables;
import com.safebook.local.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The consent API over HTTP: the booking page's purposes, and a person's consents with their token. */
class ConsentApiTest {
    private static final String VERSION = "2026-03-01";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final ApiUnderTest api = new ApiUnderTest();

    @Test
    void purposes_anyone_listsBasisVersionHashAndDescription() {
        var response = api.get("/consent-purposes");

        assertThat(response.status()).isEqualTo(200);
        var purposes = response.json().path("purposes");
        assertThat(purposes)
                .extracting(p -> p.path("purpose").asText())
                .containsExactly(
                        "booking", "appointment-reminders", "marketing-email", "health-notes", "do-not-sell-or-share");
        assertThat(purposes).allSatisfy(p -> {
            assertThat(p.path("legalBasis").asText()).isNotBlank();
            assertThat(p.path("policyVersion").asText()).isEqualTo(VERSION);
            assertThat(p.path("policyHash").asText()).matches("[0-9a-f]{64}");
            assertThat(p.path("description").asText()).isNotBlank();
        });
    }

    @Test
    void consents_grantWithdrawRegrant_stateAndHistoryFollow() {
        var token = book("{}").path("manageToken").asText();

        var initial = api.get("/consents", bearer(token));
        assertThat(initial.status()).isEqualTo(200);
        assertThat(state(initial.json(), "marketing-email").path("granted").asBoolean())
                .isFalse();
        assertThat(initial.json().path("history")).isEmpty();

        var granted = decide(token, "marketing-email", true, VERSION);
        assertThat(granted.status()).isEqualTo(200);
        var grantedState = state(granted.json(), "marketing-email");
        assertThat(grantedState.path("granted").asBoolean()).isTrue();
        assertThat(grantedState.path("policyVersion").asText()).isEqualTo(VERSION);
        assertThat(grantedState.path("since").asText()).isNotBlank();
        assertThat(grantedState.path("renewalNeeded").asBoolean()).isFalse();
        assertThat(grantedState.path("legalBasis").asText()).isEqualTo("CONSENT");
        assertThat(grantedState.path("currentPolicyHash").asText()).matches("[0-9a-f]{64}");
        assertThat(grantedState.path("description").asText()).isNotBlank();

        var withdrawn = decide(token, "marketing-email", false, null);
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(state(withdrawn.json(), "marketing-email").path("granted").asBoolean())
                .isFalse();

        assertThat(decide(token, "marketing-email", true, VERSION).status()).isEqualTo(200);

        var read = api.get("/consents", bearer(token));
        assertThat(read.status()).isEqualTo(200);
        assertThat(state(read.json(), "marketing-email").path("granted").asBoolean())
                .isTrue();
        var history = read.json().path("history");
        assertThat(history)
                .extracting(r -> r.path("decision").asText())
                .containsExactly("GRANTED", "WITHDRAWN", "GRANTED");
        assertThat(history).allSatisfy(r -> {
            assertThat(r.path("purpose").asText()).isEqualTo("marketing-email");
            assertThat(r.path("channel").asText()).isEqualTo("MANAGE_LINK");
            assertThat(r.path("policyHash").asText()).matches("[0-9a-f]{64}");
            assertThat(r.has("subjectId")).isFalse();
        });
        assertThat(read.body()).doesNotContain("subject/");
    }

    @Test
    void decide_stalePolicyVersion_is422WithAViolationAndNoEcho() {
        var token = book("{}").path("manageToken").asText();

        var response = decide(token, "marketing-email", true, "1999-old-zz");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("not-the-current-policy-version").doesNotContain("1999-old-zz");
    }

    @Test
    void decide_unknownPurpose_is404() {
        var token = book("{}").path("manageToken").asText();

        var response = decide(token, "no-such-purpose-xyz", true, VERSION);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("no-such-purpose-xyz");
    }

    @Test
    void decide_contractPurpose_is422() {
        var token = book("{}").path("manageToken").asText();

        var response = decide(token, "booking", true, VERSION);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("purpose-needs-no-consent");
    }

    @Test
    void decide_badJson_is400WithoutEcho() {
        var token = book("{}").path("manageToken").asText();
        var headers = new java.util.HashMap<>(bearer(token));
        headers.putAll(JSON);

        var response = api.put("/consents/marketing-email", "{\"granted\": \"secret-zz\"", headers);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("secret-zz");
    }

    @Test
    void consents_wrongMissingOrUnknownToken_areTheSame404() {
        var wrong = api.get("/consents", bearer("not-a-token-at-all-0000000000000"));
        var missing = api.get("/consents");
        var put = decide("not-a-token-at-all-0000000000000", "marketing-email", true, VERSION);

        for (var response : List.of(wrong, missing, put)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:booking-not-found");
        }
    }

    @Test
    void booking_withConsents_theyShowUpFromTheBookingForm() {
        var created = book("{\"health-notes\":{\"granted\":true,\"policyVersion\":\"" + VERSION
                + "\"},\"appointment-reminders\":{\"granted\":true,\"policyVersion\":\"" + VERSION
                + "\"},\"marketing-email\":{\"granted\":false}}");
        assertThat(created.path("consents").path("recorded"))
                .extracting(JsonNode::asText)
                .containsExactly("appointment-reminders", "health-notes");

        var read = api.get("/consents", bearer(created.path("manageToken").asText()));

        assertThat(state(read.json(), "health-notes").path("granted").asBoolean())
                .isTrue();
        assertThat(state(read.json(), "appointment-reminders").path("granted").asBoolean())
                .isTrue();
        assertThat(state(read.json(), "marketing-email").path("granted").asBoolean())
                .isFalse();
        assertThat(read.json().path("history"))
                .allSatisfy(r -> assertThat(r.path("channel").asText()).isEqualTo("BOOKING_FORM"));
    }

    @Test
    void booking_notesWithoutHealthConsentOrUnknownPurpose_is422AndBooksNothing() {
        var withNotes = post(bookingBody(api.freeSlot("follow-up"), "Ada", "ada-notes@example.com", "{}", "Sore knee"));
        var unknown = post(bookingBody(
                api.freeSlot("follow-up"),
                "Ada",
                "ada-unknown@example.com",
                "{\"no-such-purpose-xyz\":{\"granted\":true,\"policyVersion\":\"" + VERSION + "\"}}",
                null));

        assertThat(withNotes.status()).isEqualTo(422);
        assertThat(withNotes.body()).contains("consents.health-notes").doesNotContain("Sore knee");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("unknown-purpose").doesNotContain("no-such-purpose-xyz");
    }

    @Test
    void consentRecords_rawScanOfTheTables_holdNoNameOrEmail() {
        var stack = ApiUnderTest.localStack();
        assumeTrue(stack.isPresent(), "needs the local stack in this JVM (scans its tables)");
        var unique = UUID.randomUUID().toString().substring(0, 8);
        var name = "Quentin Zephyrine-" + unique;
        var email = "quentin." + unique + "@example.org";
        var created = post(bookingBody(
                api.freeSlot("follow-up"),
                name,
                email,
                "{\"marketing-email\":{\"granted\":true,\"policyVersion\":\"" + VERSION + "\"}}",
                null));
        assertThat(created.status()).isEqualTo(201);
        var token = created.json().path("manageToken").asText();
        assertThat(decide(token, "appointment-reminders", true, VERSION).status())
                .isEqualTo(200);

        try (var dynamoDb = rawClient(stack.get())) {
            var items = RawTables.scan(dynamoDb, List.of("BookingsTable", "AuditTable"));
            var consentItems = new ArrayList<byte[]>();
            for (var item : items) {
                if (new String(item, java.nio.charset.StandardCharsets.UTF_8).contains("CONSENT#")) {
                    consentItems.add(item);
                }
            }
            assertThat(consentItems).hasSizeGreaterThanOrEqualTo(2);
            assertThat(RawTables.found(consentItems, List.of(name, email, unique, token)))
                    .isEmpty();
            assertThat(RawTables.found(items, List.of(name, email, token))).isEmpty();
        }
    }

    private JsonNode book(String consents) {
        var response = post(bookingBody(
                api.freeSlot("follow-up"),
                "Ada Lovelace",
                "ada-" + UUID.randomUUID() + "@example.com",
                consents,
                null));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private ApiUnderTest.Response post(String body) {
        return api.post(
                "/bookings",
                body,
                Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()));
    }

    private static String bookingBody(String start, String name, String email, String consents, String notes) {
        return "{\"serviceId\":\"follow-up\",\"start\":\"" + start + "\",\"customer\":{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\"}" + (notes == null ? "" : ",\"notes\":\"" + notes + "\"")
                + ",\"consents\":" + consents + "}";
    }

    private ApiUnderTest.Response decide(String token, String purpose, boolean granted, String version) {
        var body = "{\"granted\":" + granted + (version == null ? "" : ",\"policyVersion\":\"" + version + "\"") + "}";
        var headers = new java.util.HashMap<>(bearer(token));
        headers.putAll(JSON);
        return api.put("/consents/" + purpose, body, headers);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static JsonNode state(JsonNode consents, String purpose) {
        for (var state : consents.path("consents")) {
            if (state.path("purpose").asText().equals(purpose)) {
                return state;
            }
        }
        throw new AssertionError("No state for " + purpose + " in " + consents);
    }

    private static DynamoDbClient rawClient(LocalStack stack) {
        return ApiUnderTest.rawDynamoDb(stack);
    }
}
