package com.safebook.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The requests each function is measured with, built from {@link BenchData}. The first request of a
 * cold start is each function's most expensive real one: a booking by a new customer with notes and
 * consents; a consent grant; a person's data export; the staff's day view of a day with bookings; the
 * hourly seal of the audit trail; a batch of TTL deletions from the bookings table's stream.
 */
public final class Workloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLAIM_TIME = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final BenchData data;
    private final String region;
    private final String account;
    private final AtomicLong sequence = new AtomicLong(100_000_000_000_000_000L);
    private final Map<String, String> staffClaims;

    public Workloads(BenchData data, String region, String account) {
        this.data = data;
        this.region = region;
        this.account = account;
        this.staffClaims = staffClaims(region);
    }

    /** {@code POST /bookings} by a new customer on a new slot; with notes and consents, or name, email, phone only. */
    public Workload bookingByNewCustomer(boolean notesAndConsents, List<Person> booked) {
        return Workload.api(
                notesAndConsents ? "POST /bookings, new customer, notes and consents" : "POST /bookings, new customer",
                201,
                () -> {
                    var person = data.newPerson();
                    booked.add(person);
                    return booking(data.bookingBody(data.nextSlot(), person, notesAndConsents));
                });
    }

    /**
     * {@code POST /bookings} by customers who booked before, in turn, on new slots; {@code returning} is
     * asked at each request, so it may name customers a workload that ran before has made.
     */
    public Workload bookingByReturningCustomer(String description, Supplier<List<Person>> returning) {
        var turn = new AtomicLong();
        return Workload.api(description, 201, () -> {
            var people = returning.get();
            var person = people.get((int) (turn.getAndIncrement() % people.size()));
            return booking(data.bookingBody(data.nextSlot(), person, false));
        });
    }

    /**
     * {@code PUT /consents/marketing-email} with the tokens of {@code people} in turn: a grant on the first
     * pass, a withdrawal on the next, and so on, so that every request changes the ledger.
     */
    public Workload consentDecisions(List<Person> people) {
        var turn = new AtomicLong();
        return Workload.api("PUT /consents/{purpose}, a change", 200, () -> {
            long n = turn.getAndIncrement();
            var person = people.get((int) (n % people.size()));
            boolean grant = (n / people.size()) % 2 == 0;
            var body = JSON.createObjectNode().put("granted", grant);
            if (grant) {
                body.put("policyVersion", data.marketingPolicyVersion());
            }
            return ApiGatewayEvent.request("PUT", "/consents/{purpose}")
                    .pathParameter("purpose", "marketing-email")
                    .header("Authorization", "Bearer " + person.manageToken())
                    .jsonBody(body);
        });
    }

    /** {@code GET /me/data} with the tokens of {@code people} in turn. */
    public Workload exports(List<Person> people) {
        var turn = new AtomicLong();
        return Workload.api("GET /me/data", 200, () -> {
            var person = people.get((int) (turn.getAndIncrement() % people.size()));
            return ApiGatewayEvent.request("GET", "/me/data").header("Authorization", "Bearer " + person.manageToken());
        });
    }

    /** {@code GET /staff/bookings?date=} of the staff day, as a member of the {@code staff} group. */
    public Workload staffDayView() {
        return Workload.api("GET /staff/bookings?date=, " + "a day with bookings", 200, () -> ApiGatewayEvent.request(
                        "GET", "/staff/bookings")
                .query("date", data.staffDay().toString())
                .header("Authorization", "eyJraWQiOiJiZW5jaCJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl")
                .claims(staffClaims));
    }

    /** The hourly EventBridge schedule that seals the audit trail. */
    public Workload auditSeal() {
        return Workload.event(
                "Scheduled Event (hourly seal)",
                this::scheduledEvent,
                answer -> answer.strip().matches("\\d+"),
                "the number of digests written");
    }

    /**
     * A batch from the bookings table's stream: the TTL deletions of one expired booking (the booking,
     * its idempotency record, its slot lock and its manage token's lookup item), each batch new.
     */
    public Workload expiredBookingBatch() {
        return Workload.event(
                "DynamoDB stream batch, one expired booking (4 records)",
                this::expiryBatch,
                answer -> answer.contains("\"batchItemFailures\":[]"),
                "no batch item failures");
    }

    /** The floor: one {@code PutItem} into {@code table}. */
    public static Workload floorPut(String table) {
        var event = JSON.createObjectNode().put("table", table).toString().getBytes(StandardCharsets.UTF_8);
        return Workload.event("PutItem", () -> event, answer -> answer.equals("\"stored\""), "\"stored\"");
    }

    /** The reference: one {@code TransactWriteItems} of {@code items} conditional puts of {@code bytes} bytes. */
    public static Workload transactReference(String table, int items, int bytes) {
        var event = JSON.createObjectNode()
                .put("table", table)
                .put("items", Integer.toString(items))
                .put("bytes", Integer.toString(bytes))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        return Workload.event(
                "TransactWriteItems, " + items + " puts of " + bytes + " B",
                () -> event,
                Workloads::isRoundTrip,
                "the round trip in microseconds");
    }

    /**
     * The reference for one kind of booking: its own transaction, as its function sent it (a
     * {@code TransactWriteItems} body recorded by the probe), for the floor's replay handler to send
     * again with new keys. Keeps the request's {@code TransactItems} only (not the probe's
     * {@code ReturnConsumedCapacity}, nor a {@code ClientRequestToken}, which would make every replay a
     * no-op). Empty when the transaction has a kind of item the replay cannot write again as new
     * items ({@code Update}, {@code Delete}).
     */
    public static Optional<Workload> transactionReplay(String booking, String recordedBody) {
        JsonNode items;
        try {
            items = JSON.readTree(recordedBody).path("TransactItems");
        } catch (IOException e) {
            throw new UncheckedIOException("A recorded transaction is not JSON", e);
        }
        if (!items.isArray() || items.isEmpty()) {
            throw new IllegalArgumentException("A recorded transaction has no TransactItems");
        }
        var tables = new TreeMap<String, Integer>();
        int checks = 0;
        for (var item : items) {
            var put = item.path("Put");
            var check = item.path("ConditionCheck");
            if (put.isObject()) {
                tables.merge(put.path("TableName").asText(), 1, Integer::sum);
            } else if (check.isObject()) {
                checks++;
            } else {
                return Optional.empty();
            }
        }
        var event = JSON.createObjectNode();
        event.set("TransactItems", items);
        var bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        var puts = tables.entrySet().stream()
                .map(e -> e.getValue() + " in " + e.getKey())
                .collect(Collectors.joining(", "));
        return Optional.of(Workload.event(
                "TransactWriteItems, the transaction of " + booking + " (" + checks + " condition check"
                        + (checks == 1 ? "" : "s") + "; puts: " + puts + ")",
                () -> bytes,
                Workloads::isRoundTrip,
                "the round trip in microseconds"));
    }

    /** A reference handler's answer: its round trip in microseconds, as a JSON string. */
    private static boolean isRoundTrip(String answer) {
        return answer.matches("\"\\d+\"");
    }

    private static ApiGatewayEvent booking(ObjectNode body) {
        return ApiGatewayEvent.request("POST", "/bookings")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Origin", "https://d111111abcdef8.cloudfront.net")
                .jsonBody(body);
    }

    private byte[] scheduledEvent() {
        var now = Instant.now();
        var event = JSON.createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", account)
                .put("time", now.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":" + account + ":rule/safebook-local-hourly");
        event.putObject("detail");
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] expiryBatch() {
        var hex = HexFormat.of();
        var bookingId = hex.formatHex(random(16));
        var granule = Instant.now().minus(Duration.ofDays(91)).truncatedTo(ChronoUnit.HOURS);
        var streamArn =
                "arn:aws:dynamodb:" + region + ":" + account + ":table/BookingsTable/stream/2026-01-01T00:00:00.000";
        var records = JSON.createArrayNode();
        var keys = new LinkedHashMap<String, String>();
        keys.put("BOOKING#" + bookingId, "BOOKING");
        keys.put("IDEMPOTENCY#" + hex.formatHex(random(32)), "IDEMPOTENCY");
        keys.put("LOCK#" + data.resourceId() + "#" + MONTH.format(granule), MINUTE.format(granule));
        keys.put("TOKEN#" + hex.formatHex(random(32)), "TOKEN");
        keys.forEach((pk, sk) -> {
            var record = records.addObject()
                    .put("eventID", hex.formatHex(random(16)))
                    .put("eventName", "REMOVE")
                    .put("eventVersion", "1.1")
                    .put("eventSource", "aws:dynamodb")
                    .put("awsRegion", region);
            var change = record.putObject("dynamodb")
                    .put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
            var k = change.putObject("Keys");
            k.putObject("pk").put("S", pk);
            k.putObject("sk").put("S", sk);
            change.put("SequenceNumber", Long.toString(sequence.getAndIncrement()))
                    .put("SizeBytes", 120)
                    .put("StreamViewType", "KEYS_ONLY");
            record.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
            record.put("eventSourceARN", streamArn);
        });
        var event = JSON.createObjectNode();
        event.set("Records", records);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The claims a REST API's Cognito authorizer passes for a staff member's id token. */
    private static Map<String, String> staffClaims(String region) {
        var now = Instant.now();
        var claims = new LinkedHashMap<String, String>();
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("cognito:groups", "staff");
        claims.put("email_verified", "true");
        claims.put("iss", "https://cognito-idp." + region + ".amazonaws.com/" + region + "_Bench0000");
        claims.put("cognito:username", "bench-staff");
        claims.put("origin_jti", UUID.randomUUID().toString());
        claims.put("aud", "benchdashboardclient0000000");
        claims.put("event_id", UUID.randomUUID().toString());
        claims.put("token_use", "id");
        claims.put("auth_time", Long.toString(now.getEpochSecond()));
        claims.put("exp", CLAIM_TIME.format(now.plusSeconds(900)));
        claims.put("iat", CLAIM_TIME.format(now));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("email", "bench-staff@example.com");
        return Map.copyOf(claims);
    }

    private static byte[] random(int n) {
        var bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
