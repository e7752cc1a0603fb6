package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.safebook.core.fake.MutableClock;
import com.safebook.local.LocalStack;
import com.safebook.local.cognito.StaffSignIn;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The staff API over HTTP, through the stand-in's Cognito authorizer and the real staff function:
 * every route with every kind of caller, the customer data a read shows, and the audit record each
 * read or change leaves, read raw from the stack's audit table. Staff users are made and signed in
 * (password, then TOTP) with the real Cognito client against the stack's AWS endpoint, so this
 * needs the local stack in this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who calls: no token, a token that is not one, or a signed-in member of one group. */
    enum Caller {
        NONE,
        GARBAGE,
        STAFF,
        ADMIN,
        AUDITOR
    }

    enum Route {
        LIST_DAY,
        GET_BOOKING,
        CANCEL_BOOKING,
        CREATE_SERVICE,
        REPLACE_SERVICE
    }

    private final ApiUnderTest api = new ApiUnderTest();
    private final Map<Caller, String> idTokens = new HashMap<>();
    private final Map<Caller, String> subjects = new HashMap<>();
    private LocalStack stack;
    private StaffSignIn signIn;
    private DynamoDbClient dynamoDb;

    @BeforeAll
    void signIn() throws Exception {
        var local = ApiUnderTest.localStack();
        assumeTrue(local.isPresent(), "needs the local stack in this JVM (its user pool and audit table)");
        stack = local.get();
        // The stack runs on the system clock; the authenticator app's codes follow it.
        var clock = new MutableClock(Instant.now());
        signIn = StaffSignIn.of(stack, clock);
        var run = UUID.randomUUID().toString().substring(0, 8);
        for (var caller : List.of(Caller.STAFF, Caller.ADMIN, Caller.AUDITOR)) {
            clock.advance(Duration.between(clock.instant(), Instant.now()));
            var group = caller.name().toLowerCase(Locale.ROOT);
            var tokens = signIn.firstSignIn(group + "-" + run, group);
            idTokens.put(caller, tokens.idToken());
            subjects.put(
                    caller, SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getSubject());
        }
        idTokens.put(Caller.GARBAGE, "not-a-token");
        dynamoDb = ApiUnderTest.rawDynamoDb(stack);
    }

    @AfterAll
    void close() {
        if (signIn != null) {
            signIn.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    static Stream<Arguments> everyRouteWithEveryCaller() {
        var cases = new ArrayList<Arguments>();
        for (var route : Route.values()) {
            for (var caller : Caller.values()) {
                cases.add(Arguments.of(route, caller, expected(route, caller)));
            }
        }
        return cases.stream();
    }

    private static int expected(Route route, Caller caller) {
        return switch (caller) {
            case NONE, GARBAGE -> 401;
            case AUDITOR -> 403;
            case STAFF -> route == Route.CREATE_SERVICE || route == Route.REPLACE_SERVICE ? 403 : 200;
            case ADMIN -> route == Route.CREATE_SERVICE ? 201 : 200;
        };
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("everyRouteWithEveryCaller")
    void route_caller_answersAsItsGroupsAllowAndAuditsWhatItShows(Route route, Caller caller, int status) {
        var customer = "Quintessa Fairweather-" + UUID.randomUUID().toString().substring(0, 6);
        var email = "q." + UUID.randomUUID().toString().substring(0, 8) + "@fairweather-example.net";
        var booked = route.ordinal() <= Route.CANCEL_BOOKING.ordinal() ? book(customer, email) : null;
        var serviceId = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        if (route == Route.REPLACE_SERVICE) {
            assertThat(call(Route.CREATE_SERVICE, Caller.ADMIN, null, serviceId).status())
                    .isEqualTo(201);
        }
        var before = auditRecordsOf(subjects.get(caller));

        var response = call(route, caller, booked, serviceId);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        switch (status) {
            case 401 ->
                assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:unauthorized");
            case 403 -> {
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:forbidden");
                var records = auditRecordsOf(subjects.get(caller));
                assertThat(records).as("one record of the refusal").hasSize(before.size() + 1);
                assertThat(records.getLast().path("errorCode").asText()).isEqualTo("forbidden");
                assertThat(records.getLast().path("resources")).isEmpty();
            }
            default -> assertSucceeded(route, caller, response, booked, customer, email, serviceId, before.size());
        }
    }

    private void assertSucceeded(
            Route route,
            Caller caller,
            ApiUnderTest.Response response,
            Booked booked,
            String customer,
            String email,
            String serviceId,
            int recordsBefore) {
        var records = auditRecordsOf(subjects.get(caller));
        assertThat(records).as("one audit record for the call").hasSize(recordsBefore + 1);
        var record = records.getLast();
        assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("StaffUser");
        assertThat(record.path("userIdentity").path("mfaAuthenticated").asBoolean())
                .isTrue();
        assertThat(record.path("userIdentity").path("groups"))
                .extracting(JsonNode::asText)
                .containsExactly(caller.name().toLowerCase(Locale.ROOT));
        assertThat(record.toString()).doesNotContain(customer, email);
        var resources = record.path("resources").findValuesAsText("ARN");
        switch (route) {
            case LIST_DAY -> {
                var shown = response.json().path("bookings");
                assertThat(shown.findValuesAsText("bookingId")).contains(booked.id());
                var mine = stream(shown)
                        .filter(b -> b.path("bookingId").asText().equals(booked.id()))
                        .findFirst()
                        .orElseThrow();
                assertThat(mine.path("customer").path("name").asText()).isEqualTo(customer);
                assertThat(mine.path("customer").path("email").asText()).isEqualTo(email);
                assertThat(record.path("eventName").asText()).isEqualTo("StaffListBookings");
                assertThat(record.path("readOnly").asBoolean()).isTrue();
                assertThat(resources)
                        .as("every booking shown, and the people in them")
                        .hasSizeGreaterThanOrEqualTo(shown.size() + 1)
                        .contains("safebook:booking/" + booked.id())
                        .anyMatch(arn -> arn.startsWith("safebook:subject/"));
            }
            case GET_BOOKING -> {
                assertThat(response.json().path("customer").path("name").asText())
                        .isEqualTo(customer);
                assertThat(response.json().path("customer").path("email").asText())
                        .isEqualTo(email);
                assertThat(response.json().path("notes").asText()).isEqualTo("allergic to latex");
                assertThat(record.path("eventName").asText()).isEqualTo("StaffGetBooking");
                assertThat(record.path("readOnly").asBoolean()).isTrue();
                assertThat(resources).hasSize(2).contains("safebook:booking/" + booked.id());
            }
            case CANCEL_BOOKING -> {
                assertThat(response.json().path("status").asText()).isEqualTo("CANCELLED");
                assertThat(response.body()).doesNotContain(customer, email);
                assertThat(record.path("eventName").asText()).isEqualTo("StaffCancelBooking");
                assertThat(record.path("readOnly").asBoolean()).isFalse();
                assertThat(resources).contains("safebook:booking/" + booked.id());
                var day = booked.start().substring(0, 10);
                assertThat(api.get("/availability?serviceId=consultation&from=" + day + "&to=" + day)
                                .json()
                                .path("slots")
                                .findValuesAsText("start"))
                        .as("the slot is free again")
                        .contains(booked.start());
            }
            case CREATE_SERVICE, REPLACE_SERVICE -> {
                assertThat(response.json().path("serviceId").asText()).isEqualTo(serviceId);
                assertThat(record.path("eventName").asText())
                        .isEqualTo(route == Route.CREATE_SERVICE ? "StaffCreateService" : "StaffReplaceService");
                assertThat(record.path("readOnly").asBoolean()).isFalse();
                assertThat(resources).containsExactly("safebook:service/" + serviceId);
                assertThat(api.get("/services").json().path("services").findValuesAsText("serviceId"))
                        .contains(serviceId);
            }
        }
    }

    @Test
    void listDay_invalidDate_is422WithAViolation() {
        var response = api.get("/staff/bookings?date=2026-02-30", auth(Caller.STAFF));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("violations").findValuesAsText("field")).containsExactly("date");
        assertThat(response.body()).doesNotContain("2026-02-30");
    }

    @Test
    void getBooking_unknownId_is404Problem() {
        var response = api.get("/staff/bookings/no-such-booking", auth(Caller.ADMIN));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:booking-not-found");
    }

    @Test
    void createService_existingIdOrInvalidHours_is409Or422AndNewServicesAreBookable() {
        var serviceId = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(call(Route.CREATE_SERVICE, Caller.ADMIN, null, serviceId).status())
                .isEqualTo(201);

        var again = call(Route.CREATE_SERVICE, Caller.ADMIN, null, serviceId);
        var invalid = api.post(
                "/staff/services",
                serviceBody("svc-x" + UUID.randomUUID().toString().substring(0, 6))
                        .replace("\"09:00\"", "\"09:07\""),
                json(Caller.ADMIN));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("urn:safebook:problem:service-exists");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("violations").findValuesAsText("field")).contains("openingHours.MONDAY");
        assertThat(api.freeSlot(serviceId)).as("the new service is bookable").isNotBlank();
    }

    @Test
    void staffErasure_onlyAnAdministrator_erasesAPersonByEmail_andTheTrailNamesThem() {
        var email = "phoned-in-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var booked = book("Pat Phonedin", email);
        var body = "{\"email\":\"" + email.toUpperCase(Locale.ROOT) + "\"}";

        for (var caller : List.of(Caller.NONE, Caller.GARBAGE, Caller.STAFF, Caller.AUDITOR)) {
            var refused = api.post("/staff/erasures", body, json(caller));
            assertThat(refused.status()).as(caller.name()).isIn(401, 403);
            assertThat(refused.body()).doesNotContain(email);
        }
        var erased = api.post("/staff/erasures", body, json(Caller.ADMIN));

        assertThat(erased.status()).as(erased.body()).isEqualTo(201);
        assertThat(erased.json().path("keyDestroyed").asBoolean()).isTrue();
        assertThat(erased.body()).doesNotContainIgnoringCase(email);
        assertThat(api.get("/staff/bookings/" + booked.id(), auth(Caller.ADMIN)).status())
                .isEqualTo(404);
        assertThat(auditRecordsOf(subjects.get(Caller.ADMIN)))
                .anySatisfy(r -> assertThat(r.path("eventName").asText()).isEqualTo("ErasePersonalData"));
        // Asked again, the person is no longer known by that address: nothing of them is left to find.
        assertThat(api.post("/staff/erasures", body, json(Caller.ADMIN)).status())
                .isEqualTo(404);
    }

    @Test
    void staffRead_showsInThePersonsExport_asWhoLookedAndWhen() {
        var start = api.freeSlot("consultation");
        var body = "{\"serviceId\":\"consultation\",\"start\":\"" + start
                + "\",\"customer\":{\"name\":\"Vera Visible\",\"email\":\"vera-" + UUID.randomUUID()
                + "@example.com\"}}";
        var booked = api.post(
                        "/bookings",
                        body,
                        Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()))
                .json();
        var customer =
                Map.of("Authorization", "Bearer " + booked.path("manageToken").asText());
        assertThat(api.get("/me/data", customer).json().path("staffAccesses")).isEmpty();

        assertThat(api.get("/staff/bookings/" + booked.path("bookingId").asText(), auth(Caller.STAFF))
                        .status())
                .isEqualTo(200);

        var accesses = api.get("/me/data", customer).json().path("staffAccesses");
        assertThat(accesses).singleElement().satisfies(access -> {
            assertThat(access.path("staffPrincipalId").asText()).isEqualTo(subjects.get(Caller.STAFF));
            assertThat(access.path("eventName").asText()).isEqualTo("StaffGetBooking");
            assertThat(access.path("at").asText()).isNotBlank();
        });
    }

    private record Booked(String id, String start) {}

    private Booked book(String name, String email) {
        var start = api.freeSlot("consultation");
        var body = "{\"serviceId\":\"consultation\",\"start\":\"" + start + "\",\"customer\":{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\"},\"notes\":\"allergic to latex\","
                + "\"consents\":{\"health-notes\":{\"granted\":true,\"policyVersion\":\"2026-03-01\"}}}";
        var booked = api.post(
                "/bookings",
                body,
                Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        return new Booked(booked.json().path("bookingId").asText(), start);
    }

    private ApiUnderTest.Response call(Route route, Caller caller, Booked booked, String serviceId) {
        return switch (route) {
            case LIST_DAY -> api.get("/staff/bookings?date=" + booked.start().substring(0, 10), auth(caller));
            case GET_BOOKING -> api.get("/staff/bookings/" + booked.id(), auth(caller));
            case CANCEL_BOOKING -> api.post("/staff/bookings/" + booked.id() + "/cancel", "", auth(caller));
            case CREATE_SERVICE -> api.post("/staff/services", serviceBody(serviceId), json(caller));
            case REPLACE_SERVICE -> api.put("/staff/services/" + serviceId, serviceBody(null), json(caller));
        };
    }

    private static String serviceBody(String serviceId) {
        return "{" + (serviceId == null ? "" : "\"serviceId\":\"" + serviceId + "\",")
                + "\"name\":\"Physiotherapy\",\"durationMinutes\":45,\"priceMinor\":7000,\"currency\":\"EUR\","
                + "\"resourceId\":\"physio-room\",\"timeZone\":\"Europe/Berlin\",\"openingHours\":{"
                + "\"MONDAY\":[{\"opens\":\"09:00\",\"closes\":\"12:00\"},{\"opens\":\"13:00\",\"closes\":\"17:00\"}],"
                + "\"TUESDAY\":[{\"opens\":\"09:00\",\"closes\":\"17:00\"}],"
                + "\"WEDNESDAY\":[{\"opens\":\"09:00\",\"closes\":\"17:00\"}],"
                + "\"THURSDAY\":[{\"opens\":\"09:00\",\"closes\":\"17:00\"}],"
                + "\"FRIDAY\":[{\"opens\":\"09:00\",\"closes\":\"15:00\"}]}}";
    }

    private Map<String, String> auth(Caller caller) {
        var token = idTokens.get(caller);
        return token == null ? Map.of() : Map.of("Authorization", token);
    }

    private Map<String, String> json(Caller caller) {
        var headers = new HashMap<>(auth(caller));
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** The audit records naming {@code principalId}, oldest first, read raw from the stack's table. */
    private List<JsonNode> auditRecordsOf(String principalId) {
        if (principalId == null) {
            return List.of();
        }
        var records = new ArrayList<JsonNode>();
        for (var page : dynamoDb.scanPaginator(r -> r.tableName("AuditTable"))) {
            for (var item : page.items()) {
                if (!item.containsKey("record")) {
                    continue; // an access-index item, not a record
                }
                try {
                    var record = JSON.readTree(item.get("record").s());
                    if (record.path("userIdentity").path("principalId").asText().equals(principalId)) {
                        records.add(record);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("An audit record is not JSON", e);
                }
            }
        }
        records.sort((a, b) ->
                a.path("eventTime").asText().compareTo(b.path("eventTime").asText()));
        return records;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        var nodes = new ArrayList<JsonNode>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
