package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.safebook.core.fake.MutableClock;
import com.safebook.local.AuditVerifyCommand;
import com.safebook.local.cognito.StaffSignIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The auditors' API over HTTP, as an auditor uses it: the trail shows who read whose booking, a
 * seal signs it, verification finds it intact, and a record changed behind the API's back (raw,
 * through the stack's AWS endpoint, as someone with table access could) is named. Needs the local
 * stack in this JVM: its user pool, and raw access to its audit table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Caller {
        STAFF,
        ADMIN,
        AUDITOR
    }

    private final ApiUnderTest api = new ApiUnderTest();
    private final Map<Caller, String> idTokens = new HashMap<>();
    private final Map<Caller, String> subjects = new HashMap<>();
    private StaffSignIn signIn;
    private DynamoDbClient dynamoDb;

    @BeforeAll
    void signIn() throws Exception {
        var local = ApiUnderTest.localStack();
        assumeTrue(local.isPresent(), "needs the local stack in this JVM (its user pool and audit table)");
        var stack = local.get();
        var clock = new MutableClock(Instant.now());
        signIn = StaffSignIn.of(stack, clock);
        var run = UUID.randomUUID().toString().substring(0, 8);
        for (var caller : Caller.values()) {
            clock.advance(Duration.between(clock.instant(), Instant.now()));
            var group = caller.name().toLowerCase(Locale.ROOT);
            var tokens = signIn.firstSignIn("audit-" + group + "-" + run, group);
            idTokens.put(caller, tokens.idToken());
            subjects.put(
                    caller, SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getSubject());
        }
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

    @Test
    void auditor_listsSealsAndVerifies_andATamperedRecordIsNamed() throws Exception {
        var from = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        var bookingId = book();
        var read = api.get("/staff/bookings/" + bookingId, auth(Caller.STAFF));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        var to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        var range = "from=" + from + "&to=" + to;

        var listed = api.get("/staff/audit?" + range + "&actor=" + subjects.get(Caller.STAFF), auth(Caller.AUDITOR));

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        var staffRead = records(listed.json()).stream()
                .filter(r -> r.record().path("eventName").asText().equals("StaffGetBooking"))
                .filter(r ->
                        r.record().path("resources").findValuesAsText("ARN").contains("safebook:booking/" + bookingId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no StaffGetBooking record in " + listed.body()));
        assertThat(staffRead.record().path("userIdentity").path("principalId").asText())
                .isEqualTo(subjects.get(Caller.STAFF));
        assertThat(staffRead.record().path("readOnly").asBoolean()).isTrue();

        // The audit function seals records once they are ApiUnderTest.AUDIT_SETTLE old.
        var settled = Instant.parse(staffRead.record().path("eventTime").asText())
                .plus(ApiUnderTest.AUDIT_SETTLE)
                .plusMillis(100);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), settled).toMillis()));
        var sealed = api.post("/staff/audit/digests", "", auth(Caller.AUDITOR));

        assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);
        assertThat(sealed.json().path("digests")).isNotEmpty();
        var verified = api.get("/staff/audit/verify?" + range, auth(Caller.AUDITOR));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("valid").asBoolean())
                .as(verified.body())
                .isTrue();
        // The auditor's own calls since the seal are recorded too, and are reported as not yet sealed.
        assertThat(verified.json().path("findings"))
                .as(verified.body())
                .allSatisfy(f -> assertThat(f.path("severity").asText()).isEqualTo("INFO"));

        var item = rawItem(staffRead.eventId());
        var tampered = new HashMap<>(item);
        tampered.put(
                "record",
                AttributeValue.fromS(item.get("record").s().replace("\"StaffGetBooking\"", "\"StaffListBookings\"")));
        dynamoDb.putItem(r -> r.tableName("AuditTable").item(tampered));
        try {
            var afterTamper = api.get("/staff/audit/verify?" + range, auth(Caller.AUDITOR));

            assertThat(afterTamper.status()).isEqualTo(200);
            assertThat(afterTamper.json().path("valid").asBoolean()).isFalse();
            assertThat(stream(afterTamper.json().path("findings")))
                    .anySatisfy(f -> {
                        assertThat(f.path("eventId").asText()).isEqualTo(staffRead.eventId());
                        assertThat(f.path("kind").asText()).isEqualTo("RECORD_MODIFIED");
                    })
                    .allSatisfy(f -> assertThat(f.path("eventId").textValue()).isIn(staffRead.eventId(), null));
        } finally {
            // Put it back, so the stack's trail is intact for whatever runs next.
            dynamoDb.putItem(r -> r.tableName("AuditTable").item(item));
        }
        assertThat(api.get("/staff/audit/verify?" + range, auth(Caller.AUDITOR))
                        .json()
                        .path("valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void exportedTrail_verifiesOffline_andATamperedCopyNamesTheRecord(@TempDir Path dir) throws Exception {
        var bookingId = book();
        assertThat(api.get("/staff/bookings/" + bookingId, auth(Caller.STAFF)).status())
                .isEqualTo(200);
        Thread.sleep(ApiUnderTest.AUDIT_SETTLE.toMillis() + 100);
        assertThat(api.post("/staff/audit/digests", "", auth(Caller.AUDITOR)).status())
                .isEqualTo(200);
        var from = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        var to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);

        // The export, as an auditor makes it: the digests of the range, then every page of the
        // records of the digests' whole range, and the public key.
        var digests = api.get("/staff/audit/digests?from=" + from + "&to=" + to, auth(Caller.AUDITOR));
        assertThat(digests.status()).as(digests.body()).isEqualTo(200);
        var sealedFrom = digests.json().path("digests").get(0).path("from").asText();
        var sealedTo = digests.json()
                .path("digests")
                .path(digests.json().path("digests").size() - 1)
                .path("to")
                .asText();
        var pages = JSON.createArrayNode();
        String next = null;
        do {
            var page = api.get(
                    "/staff/audit?from=" + sealedFrom + "&to=" + sealedTo + (next == null ? "" : "&next=" + next),
                    auth(Caller.AUDITOR));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            pages.add(page.json());
            next = page.json().path("nextToken").textValue();
        } while (next != null);
        var records = dir.resolve("records.json");
        Files.writeString(records, pages.toString());
        var digestsFile = dir.resolve("digests.json");
        Files.writeString(digestsFile, digests.body());
        var key = dir.resolve("key.json");
        Files.writeString(
                key, api.get("/staff/audit/public-key", auth(Caller.AUDITOR)).body());

        var valid = verifyOffline(records, digestsFile, key);

        assertThat(valid.status()).as(valid.output()).isZero();
        assertThat(valid.output()).contains("VALID").doesNotContain("ERROR");

        var first = (com.fasterxml.jackson.databind.node.ObjectNode)
                pages.get(0).path("records").get(0);
        var eventId = first.path("eventId").asText();
        first.put("record", first.path("record").asText().replace("\"readOnly\":", "\"readOnly\" :"));
        var tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, pages.toString());

        var invalid = verifyOffline(tampered, digestsFile, key);

        assertThat(invalid.status()).as(invalid.output()).isEqualTo(1);
        assertThat(invalid.output())
                .contains("RECORD_MODIFIED eventID=" + eventId)
                .contains("INVALID");
    }

    private record Run(int status, String output) {}

    private static Run verifyOffline(Path records, Path digests, Path key) {
        var out = new ByteArrayOutputStream();
        var print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = AuditVerifyCommand.run(
                new String[] {
                    "--records", records.toString(), "--digests", digests.toString(), "--public-key", key.toString()
                },
                print,
                print);
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wrongManageToken_is404_andLeavesExactlyOneRecordWithItsErrorCode() {
        var bookingId = book();

        var refused = api.get("/bookings/" + bookingId, Map.of("Authorization", "Bearer " + "x".repeat(43)));

        assertThat(refused.status()).isEqualTo(404);
        var requestId = refused.json().path("requestId").asText();
        assertThat(requestId).isNotBlank();
        var records = rawRecords().stream()
                .filter(r -> r.path("requestID").asText().equals(requestId))
                .toList();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.path("errorCode").asText()).isEqualTo("booking-not-found");
            assertThat(record.path("eventName").asText()).isEqualTo("GET /bookings/{bookingId}");
            assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("Anonymous");
            assertThat(record.path("readOnly").asBoolean()).isTrue();
            assertThat(record.toString()).doesNotContain(bookingId);
        });
    }

    static Stream<Arguments> refusedCalls() {
        return Stream.of(
                Arguments.of("GET", "/staff/audit?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", Caller.STAFF),
                Arguments.of("GET", "/staff/audit?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", Caller.ADMIN),
                Arguments.of("POST", "/staff/audit/digests", Caller.STAFF),
                Arguments.of(
                        "GET", "/staff/audit/digests?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", Caller.ADMIN),
                Arguments.of(
                        "GET", "/staff/audit/verify?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", Caller.STAFF),
                Arguments.of(
                        "GET", "/staff/audit/verify?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", Caller.ADMIN),
                Arguments.of("GET", "/staff/audit/public-key", Caller.STAFF));
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> 403")
    @MethodSource("refusedCalls")
    void auditRoute_wrongGroup_is403(String method, String path, Caller caller) {
        var response = method.equals("GET") ? api.get(path, auth(caller)) : api.post(path, "", auth(caller));

        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:safebook:problem:forbidden");
    }

    @Test
    void auditRoute_noToken_is401() {
        assertThat(api.get("/staff/audit/public-key").status()).isEqualTo(401);
    }

    record Listed(String eventId, JsonNode record) {}

    /** The records of one answer of {@code GET /staff/audit}, each with its canonical JSON parsed. */
    private static List<Listed> records(JsonNode page) {
        var out = new ArrayList<Listed>();
        for (var r : page.path("records")) {
            try {
                out.add(new Listed(
                        r.path("eventId").asText(),
                        JSON.readTree(r.path("record").asText())));
            } catch (IOException e) {
                throw new IllegalStateException("A listed record is not JSON", e);
            }
        }
        return out;
    }

    private List<JsonNode> rawRecords() {
        var records = new ArrayList<JsonNode>();
        for (var page : dynamoDb.scanPaginator(r -> r.tableName("AuditTable"))) {
            for (var item : page.items()) {
                if (item.containsKey("record")) { // else an access-index item
                    try {
                        records.add(JSON.readTree(item.get("record").s()));
                    } catch (IOException e) {
                        throw new IllegalStateException("An audit record is not JSON", e);
                    }
                }
            }
        }
        return records;
    }

    private Map<String, AttributeValue> rawItem(String eventId) {
        for (var page : dynamoDb.scanPaginator(r -> r.tableName("AuditTable"))) {
            for (var item : page.items()) {
                if (item.containsKey("record")
                        && eventId.equals(item.get("eventId").s())) {
                    return item;
                }
            }
        }
        throw new AssertionError("No audit item for " + eventId);
    }

    private String book() {
        var booked = api.book(
                "consultation",
                api.freeSlot("consultation"),
                "Audra Trailwood",
                "audra." + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                ApiUnderTest.newKey());
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        return booked.json().path("bookingId").asText();
    }

    private Map<String, String> auth(Caller caller) {
        return Map.of("Authorization", idTokens.get(caller));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        var nodes = new ArrayList<JsonNode>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
