package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.aws.config.Settings;
import com.safebook.aws.dynamodb.DynamoDbCatalogRepository;
import com.safebook.aws.invariants.InvariantReport;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.fake.TestCatalog;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import com.safebook.local.aws.DynamoDbFaults;
import com.safebook.local.kms.KmsFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Faults over HTTP, against a local stack of this class's own that keeps its data on disk (so that
 * DynamoDB Local can be stopped and started again): DynamoDB Local restarted in the middle of a run
 * of bookings; the KMS stand-in failing or throttling a third of its calls; and a function stopped
 * between two of its writes (a timeout, a crash), at every write of a booking, a cancellation and an
 * erasure in turn. Clients retry a 5xx with the same request. Afterwards every acknowledged booking
 * is there, nothing is half-written, every erasure has completed, and the invariant checker finds
 * nothing. Each test prints what it did and what it injected.
 */
class FaultToleranceTest {
    private static final String REMINDERS = "appointment-reminders";
    private static final Set<Integer> RETRIED = Set.of(500, 502, 503, 504);

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static ApiUnderTest api;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral()
                .withTemplate(Path.of("../../template.yaml"))
                .withDataDirectory(data));
        api = new ApiUnderTest(stack);
        try (var dynamoDb = ApiUnderTest.rawDynamoDb(stack)) {
            var catalog = new DynamoDbCatalogRepository(
                    DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(), Settings.fromEnvironment());
            catalog.save(TestCatalog.allDay("restart-run", 15, "restart-chair"));
            catalog.save(TestCatalog.allDay("kms-run", 15, "kms-chair"));
            catalog.save(TestCatalog.allDay("crash-run", 30, "crash-chair"));
            catalog.save(TestCatalog.allDay("cancel-run", 30, "cancel-chair"));
            catalog.save(TestCatalog.allDay("erase-run", 30, "erase-chair"));
        }
    }

    @AfterAll
    static void stop() {
        System.out.printf(
                "Fault tests: %d s of CPU in all%n", ApiUnderTest.cpuTime().toSeconds());
        stack.close();
    }

    @Test
    void book_dynamoDbRestartedMidRun_everyAcknowledgedBookingIsThereAndNothingIsHalfWritten() throws Exception {
        int workers = 4;
        int perWorker = 30;
        var downtime = Duration.ofSeconds(5);
        var seen = new ConcurrentHashMap<Integer, AtomicInteger>();
        var done = new AtomicInteger();
        var acknowledged = new ConcurrentHashMap<String, JsonNode>();
        long unansweredBefore = stack.dynamoDbFaults().unanswered();
        long started = System.nanoTime();

        var tasks = new ArrayList<Callable<Void>>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            tasks.add(() -> {
                for (int i = 0; i < perWorker; i++) {
                    var start = slot(worker * perWorker + i, 15);
                    var answer = untilAnswered(
                            "/bookings",
                            bookingBody(
                                    "restart-run",
                                    start,
                                    "Rita Restart",
                                    "restart-" + worker + "-" + i + "@example.com",
                                    false),
                            ApiUnderTest.newKey(),
                            seen);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                    acknowledged.put(answer.json().path("bookingId").asText(), answer.json());
                    done.incrementAndGet();
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(workers + 1)) {
            var running = new ArrayList<>(tasks.stream().map(pool::submit).toList());
            while (done.get() < workers * perWorker / 3) {
                Thread.sleep(20);
            }
            stack.restartDynamoDb(downtime);
            for (var task : running) {
                task.get();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long unanswered = stack.dynamoDbFaults().unanswered() - unansweredBefore;
        System.out.printf(
                "DynamoDB restart: %d bookings by %d clients, DynamoDB Local down %d s after %d of them;"
                        + " %d DynamoDB requests unanswered while down; client answers %s; %d ms%n",
                workers * perWorker,
                workers,
                downtime.toSeconds(),
                workers * perWorker / 3,
                unanswered,
                counts(seen),
                millis);

        assertThat(acknowledged).hasSize(workers * perWorker);
        assertThat(seen.keySet()).as("no 5xx but 503").isSubsetOf(201, 503);
        assertThat(unanswered).as("the restart met requests in flight").isPositive();
        assertEveryBookingReadable(acknowledged.values());
        assertThat(bookingIdsOf("restart-run")).containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        assertThat(checked().violations()).isEmpty();
    }

    @Test
    void book_kmsFailingOrThrottlingAThirdOfCalls_answersOnly201Or503AndRetriesComplete() throws Exception {
        var kms = stack.kms();
        long callsBefore = kms.callCount("GenerateDataKey") + kms.callCount("Decrypt");
        long injectedBefore = kms.faults().injected();
        var firstAnswers = new ConcurrentHashMap<Integer, AtomicInteger>();
        var acknowledged = new ConcurrentHashMap<String, JsonNode>();
        var refused = new ConcurrentHashMap<String, String>();
        int perKind = 40;
        int index = 0;
        for (var kind : KmsFault.values()) {
            kms.faults().failRatio(0.3, kind, 9);
            var tasks = new ArrayList<Callable<Void>>();
            for (int i = 0; i < perKind; i++, index++) {
                // A new customer each: each booking must reach KMS for a new data key.
                var body = bookingBody(
                        "kms-run", slot(index, 15), "Kim Kms", "kms-" + kind + "-" + i + "@example.com", false);
                tasks.add(() -> {
                    var key = ApiUnderTest.newKey();
                    var answer = api.post("/bookings", body, headers(key));
                    firstAnswers
                            .computeIfAbsent(answer.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                    if (answer.status() == 201) {
                        acknowledged.put(answer.json().path("bookingId").asText(), answer.json());
                    } else {
                        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                        assertThat(answer.json().path("type").asText())
                                .isEqualTo("urn:safebook:problem:dependency-unavailable");
                        refused.put(key, body);
                    }
                    return null;
                });
            }
            try (var pool = Executors.newFixedThreadPool(4)) {
                for (var future : pool.invokeAll(tasks)) {
                    future.get();
                }
            } finally {
                kms.faults().reset();
            }
        }
        long injected = kms.faults().injected() - injectedBefore;
        long calls = kms.callCount("GenerateDataKey") + kms.callCount("Decrypt") - callsBefore;

        // KMS is back: the same requests again, with the same keys.
        for (var retry : refused.entrySet()) {
            var answer = api.post("/bookings", retry.getValue(), headers(retry.getKey()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            acknowledged.put(answer.json().path("bookingId").asText(), answer.json());
        }
        System.out.printf(
                "KMS faults: %d new-customer bookings, 30%% of KMS calls failing (%d with throttling, %d"
                        + " unavailable); %d KMS calls, %d faults injected; first answers %s; %d retried, all 201%n",
                2 * perKind, perKind, perKind, calls, injected, counts(firstAnswers), refused.size());

        assertThat(injected).isPositive();
        assertThat(firstAnswers.keySet()).isSubsetOf(201, 503);
        assertThat(acknowledged).hasSize(2 * perKind);
        assertEveryBookingReadable(acknowledged.values());
        assertThat(bookingIdsOf("kms-run")).containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        assertThat(checked().violations()).isEmpty();
    }

    @Test
    void book_functionStoppedAtEachWrite_bookingIsAllOrNothingAndTheRetryAnswers() {
        var faults = stack.dynamoDbFaults();
        faults.reset();
        var reference = bookOnce("crash-run", slot(0, 30), "Bea Reference", "bea@example.com", true);
        assertThat(reference.status()).isEqualTo(201);
        int writes = faults.writes();
        // The booking, its locks, lookups, audit record, subject key and the form's grant: one request.
        assertThat(writes)
                .as("write requests of one booking with a consent grant")
                .isEqualTo(1);
        var outcomes = new TreeMap<String, String>();
        int slot = 1;
        for (var crash : DynamoDbFaults.Crash.values()) {
            for (int at = 1; at <= writes; at++, slot++) {
                var key = ApiUnderTest.newKey();
                var body = bookingBody(
                        "crash-run", slot(slot, 30), "Carl Crash", "crash-book-" + slot + "@example.com", true);
                faults.crashAtWrite(at, crash);
                ApiUnderTest.Response first;
                try {
                    first = api.post("/bookings", body, headers(key));
                } finally {
                    faults.reset();
                }
                var point = String.format("%s %d/%d", crash, at, writes);
                assertThat(checked().violations())
                        .as("after a crash at %s", point)
                        .isEmpty();
                var answer = first;
                if (RETRIED.contains(first.status())) {
                    answer = api.post("/bookings", body, headers(key));
                }
                assertThat(answer.status()).as(point + ": " + answer.body()).isEqualTo(201);
                assertEveryBookingReadable(List.of(answer.json()));
                assertThat(answer.json().path("consents").path("recorded").toString())
                        .as(point)
                        .contains(REMINDERS);
                outcomes.put(
                        point,
                        first.status() + (answer == first ? "" : " then " + answer.status()) + ", consents recorded "
                                + answer.json().path("consents").path("recorded"));
            }
        }
        System.out.printf("Booking stopped at each of its %d writes: %s%n", writes, outcomes);
        assertThat(checked().violations()).isEmpty();
    }

    @Test
    void cancel_functionStoppedAtItsWrite_retryCancelsAndFreesTheSlot() {
        var faults = stack.dynamoDbFaults();
        for (var crash : DynamoDbFaults.Crash.values()) {
            var start = slot(crash.ordinal(), 30);
            var booked = bookOnce("cancel-run", start, "Cass Cancel", "cass-" + crash + "@example.com", false);
            assertThat(booked.status()).isEqualTo(201);
            var auth = bearer(booked.json().path("manageToken").asText());
            var path = "/bookings/" + booked.json().path("bookingId").asText();
            faults.crashAtWrite(1, crash);
            ApiUnderTest.Response first;
            try {
                first = api.delete(path, auth);
            } finally {
                faults.reset();
            }
            assertThat(first.status()).as(first.body()).isEqualTo(503);
            assertThat(checked().violations()).as(crash.name()).isEmpty();

            var retried = api.delete(path, auth);

            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.json().path("status").asText()).isEqualTo("CANCELLED");
            assertThat(bookOnce("cancel-run", start, "Next Customer", "next-" + crash + "@example.com", false)
                            .status())
                    .as("the slot is free again")
                    .isEqualTo(201);
        }
        assertThat(checked().violations()).isEmpty();
    }

    @Test
    void erase_functionStoppedAtEachWrite_retryCompletesItCountingEachItemOnce() {
        var faults = stack.dynamoDbFaults();
        int slot = 0;
        var reference = person("Ref Erin", "erase-reference@example.com", slot);
        slot += 2;
        faults.reset();
        var completed = api.post("/erasure-requests", "", bearer(reference.getFirst()));
        assertThat(completed.status()).as(completed.body()).isEqualTo(201);
        int writes = faults.writes();
        var expected = completed.json().path("removed");
        long refusedBefore = faults.refused();
        int requests = 0;
        var outcomes = new TreeMap<String, List<String>>();

        for (var crash : DynamoDbFaults.Crash.values()) {
            for (int at = 1; at <= writes; at++, slot += 2) {
                var tokens = person("Erin Erasure", "erase-" + crash + "-" + at + "@example.com", slot);
                faults.crashAtWrite(at, crash);
                ApiUnderTest.Response first;
                String crashedAt;
                try {
                    first = api.post("/erasure-requests", "", bearer(tokens.getFirst()));
                } finally {
                    crashedAt = faults.crashedOperation().orElse("-");
                    faults.reset();
                }
                var point = String.format("%s %02d/%d %s", crash, at, writes, crashedAt);
                assertThat(first.status()).as(point + ": " + first.body()).isEqualTo(503);
                var meanwhile = checked();
                assertThat(meanwhile.violations())
                        .as("after a crash at %s", point)
                        .isEmpty();

                // The person tries again, with the manage link of their other booking.
                var retried = api.post("/erasure-requests", "", bearer(tokens.getLast()));
                requests += 2;

                assertThat(retried.status()).as(point + ": " + retried.body()).isIn(200, 201);
                var receipt = retried.json();
                assertThat(receipt.path("status").asText()).isEqualTo("COMPLETED");
                assertThat(receipt.path("cancelledBookings").asInt()).isEqualTo(2);
                var removed = receipt.path("removed");
                for (var kind : List.of("subjectKeys", "bookings", "manageTokens", "idempotencyRecords", "slotLocks")) {
                    assertThat(removed.path(kind).asInt())
                            .as(point + " " + kind)
                            .isEqualTo(expected.path(kind).asInt());
                }
                // The one count a crash can leave short, as the README says: between deleting the consent
                // records (one BatchWriteItem) and counting them (the UpdateItem after it).
                boolean consentCountLost =
                        (crash == DynamoDbFaults.Crash.AFTER_WRITE && crashedAt.equals("BatchWriteItem"))
                                || (crash == DynamoDbFaults.Crash.BEFORE_WRITE && crashedAt.equals("UpdateItem"));
                assertThat(removed.path("consentRecords").asInt())
                        .as(point + " consentRecords")
                        .isEqualTo(
                                consentCountLost
                                        ? 0
                                        : expected.path("consentRecords").asInt());
                for (var token : tokens) {
                    assertThat(api.get("/me/data", bearer(token)).status()).isEqualTo(404);
                }
                outcomes.computeIfAbsent(
                                "503, " + meanwhile.pendingErasures().size() + " pending, then " + retried.status(),
                                o -> new ArrayList<>())
                        .add(String.format(
                                "%s %02d", crash == DynamoDbFaults.Crash.BEFORE_WRITE ? "before" : "after", at));
            }
        }
        long checking = System.nanoTime();
        var report = checked();
        System.out.printf(
                "Erasure stopped at each of its %d writes, before and after the write: %d erasures, %d requests,"
                        + " %d DynamoDB requests refused by the crashes; outcomes %s; the last check scanned %s in %d ms%n",
                writes,
                2 * writes,
                requests,
                faults.refused() - refusedBefore,
                outcomes,
                report.itemsScanned(),
                (System.nanoTime() - checking) / 1_000_000);
        assertThat(report.violations()).isEmpty();
        assertThat(report.pendingErasures()).isEmpty();
    }

    /** Two bookings of one new person, with a consent; their two manage tokens. */
    private static List<String> person(String name, String email, int slot) {
        var tokens = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            var booked = bookOnce("erase-run", slot(slot + i, 30), name, email, true);
            assertThat(booked.status()).as(booked.body()).isEqualTo(201);
            tokens.add(booked.json().path("manageToken").asText());
        }
        return tokens;
    }

    private static ApiUnderTest.Response bookOnce(
            String service, String start, String name, String email, boolean withConsent) {
        return api.post(
                "/bookings", bookingBody(service, start, name, email, withConsent), headers(ApiUnderTest.newKey()));
    }

    /** Sends the same request (same Idempotency-Key) until it is answered with anything but a 5xx. */
    private static ApiUnderTest.Response untilAnswered(
            String path, String body, String key, Map<Integer, AtomicInteger> seen) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            var answer = api.post(path, body, headers(key));
            seen.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
            if (!RETRIED.contains(answer.status()) || attempt >= 100) {
                return answer;
            }
            Thread.sleep(200);
        }
    }

    private static void assertEveryBookingReadable(java.util.Collection<JsonNode> confirmations) {
        for (var confirmation : confirmations) {
            var read = api.get(
                    "/bookings/" + confirmation.path("bookingId").asText(),
                    bearer(confirmation.path("manageToken").asText()));
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().path("start").asText())
                    .isEqualTo(confirmation.path("start").asText());
        }
    }

    /** The ids of the bookings of the service in the table, read raw. */
    private static Set<String> bookingIdsOf(String serviceId) {
        try (var dynamoDb = ApiUnderTest.rawDynamoDb(stack)) {
            var ids = new HashSet<String>();
            dynamoDb.scanPaginator(r -> r.tableName("BookingsTable")
                            .filterExpression("begins_with(pk, :booking) AND serviceId = :service")
                            .expressionAttributeValues(Map.of(
                                    ":booking", AttributeValue.fromS("BOOKING#"),
                                    ":service", AttributeValue.fromS(serviceId))))
                    .items()
                    .forEach(item -> ids.add(item.get("bookingId").s()));
            return ids;
        }
    }

    private static InvariantReport checked() {
        return ApiUnderTest.checkInvariants(stack);
    }

    /** The n-th of back-to-back slots from two days ahead, in UTC, of a service open all day. */
    private static String slot(int n, int minutes) {
        int perDay = (23 * 60 + 45) / minutes;
        var day = LocalDate.now(ZoneOffset.UTC).plusDays(2 + n / perDay);
        Instant start =
                day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes((long) minutes * (n % perDay)));
        return start.toString().replace("Z", "+00:00");
    }

    private static String bookingBody(String service, String start, String name, String email, boolean withConsent) {
        var consents = "";
        if (withConsent) {
            var version = PurposeCatalog.DEFAULT.find(REMINDERS).orElseThrow().policyVersion();
            consents = ",\"consents\":{\"" + REMINDERS + "\":{\"granted\":true,\"policyVersion\":\"" + version + "\"}}";
        }
        return "{\"serviceId\":\"" + service + "\",\"start\":\"" + start + "\",\"customer\":{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\"}" + consents + "}";
    }

    private static Map<String, String> headers(String key) {
        return Map.of("Content-Type", "application/json", "Idempotency-Key", key);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<Integer, Integer> counts(Map<Integer, AtomicInteger> seen) {
        var counts = new TreeMap<Integer, Integer>();
        seen.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }
}
