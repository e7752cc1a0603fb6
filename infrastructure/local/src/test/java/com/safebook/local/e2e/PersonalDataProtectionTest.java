package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.safebook.aws.config.Settings;
import com.safebook.aws.dynamodb.DynamoDbCatalogRepository;
import com.safebook.aws.testing.RawTables;
import com.safebook.core.fake.TestCatalog;
import com.safebook.local.LocalStack;
import com.safebook.local.kms.KmsFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The second layer of encryption, end to end over HTTP: no table and no log line of the local
 * stack holds the personal data a customer submitted; KMS failing fails the request cleanly; and
 * the key cache keeps KMS calls near one per customer. The table scans and KMS counters need the
 * local stack in this JVM; against a deployed stack those tests are skipped.
 */
class PersonalDataProtectionTest {
    private static final Path LOG = Path.of("target/test-logs/local-stack.log");
    private final ApiUnderTest api = new ApiUnderTest();

    @Test
    void book_distinctivePersonalData_noTableAndNoLogHoldsIt() throws IOException {
        var stack = localStack();
        var name = "Ximena Vandersloot-Quarrie";
        var email = "ximena.vandersloot@quarrie-example.net";
        var phone = "+31 20 555 0199";
        var notes = "Knee injury from marathon, brittle-zephyr";
        var body = "{\"serviceId\":\"consultation\",\"start\":\"" + api.freeSlot("consultation")
                + "\",\"customer\":{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"" + phone
                + "\"},\"notes\":\"" + notes
                + "\",\"consents\":{\"health-notes\":{\"granted\":true,\"policyVersion\":\"2026-03-01\"}}}";
        var booked = api.post(
                "/bookings",
                body,
                Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()));
        assertThat(booked.status()).isEqualTo(201);
        var id = booked.json().path("bookingId").asText();
        var token = booked.json().path("manageToken").asText();
        var read = api.get("/bookings/" + id, Map.of("Authorization", "Bearer " + token));
        assertThat(read.body()).contains(name, email, notes);

        var needles = List.of(
                name,
                "Vandersloot",
                "Ximena",
                email,
                "quarrie-example",
                phone,
                "555 0199",
                notes,
                "brittle-zephyr",
                token);
        try (var dynamoDb = rawClient(stack)) {
            var tables = dynamoDb.listTables().tableNames();
            assertThat(tables).contains("BookingsTable", "AuditTable", "KeysTable");
            var items = RawTables.scan(dynamoDb, tables);
            assertThat(RawTables.found(items, needles))
                    .as("personal data in a table")
                    .isEmpty();
        }
        var logged = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(logged).as("the stack logged this test's requests").contains("POST /bookings");
        assertThat(needles).allSatisfy(needle -> assertThat(logged).doesNotContainIgnoringCase(needle));
    }

    @Test
    void kmsUnavailableOrThrottled_isA503ProblemAndWritesNothing() {
        var stack = localStack();
        for (var fault : KmsFault.values()) {
            String slot;
            stack.kms().faults().failNext(100, fault);
            try {
                // A new customer needs a new data key. The function may hold one made ahead
                // (SpareSubjectKey), which books one new customer without KMS; the next must reach it.
                slot = api.freeSlot("follow-up");
                var refused = api.book("follow-up", slot, "Kim", newEmail(fault), ApiUnderTest.newKey());
                if (refused.status() == 201) {
                    slot = api.freeSlot("follow-up");
                    refused = api.book("follow-up", slot, "Kim", newEmail(fault), ApiUnderTest.newKey());
                }
                assertThat(refused.status()).as(fault.name()).isEqualTo(503);
                assertThat(refused.contentType()).isEqualTo("application/problem+json");
                assertThat(refused.json().path("type").asText())
                        .isEqualTo("urn:safebook:problem:dependency-unavailable");
            } finally {
                stack.kms().faults().reset();
            }
            // Nothing was half-written: the slot is still free and can be booked now.
            assertThat(api.book("follow-up", slot, "Kim", ApiUnderTest.newKey() + "@example.com", ApiUnderTest.newKey())
                            .status())
                    .as(fault.name())
                    .isEqualTo(201);
        }
    }

    private static String newEmail(KmsFault fault) {
        return "kms-" + fault + "-" + ApiUnderTest.newKey() + "@example.com";
    }

    @Test
    void thousandBookingsByHundredReturningCustomers_warmFunction_makeAboutHundredDataKeyCalls() throws Exception {
        var stack = localStack();
        var catalog = new DynamoDbCatalogRepository(
                DynamoDbEnhancedClient.builder()
                        .dynamoDbClient(rawClient(stack))
                        .build(),
                Settings.fromEnvironment());
        catalog.save(TestCatalog.allDay("kms-count", 15, "kms-count-chair"));
        var firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay();
        api.book("kms-count", firstDay + ":00Z", "Warm Up", "warm-up@example.com", ApiUnderTest.newKey());
        var kms = stack.kms();
        long before = kms.callCount("GenerateDataKey") + kms.callCount("Decrypt");

        var tasks = new ArrayList<Callable<Integer>>();
        for (int worker = 0; worker < 4; worker++) {
            int w = worker;
            tasks.add(() -> {
                int created = 0;
                for (int i = w; i < 1000; i += 4) {
                    // 95 quarter hours a day are offered (00:00 to 23:30 starts); the warm-up took the first.
                    var slot = i + 1;
                    var start = firstDay.plusDays(slot / 95).plusMinutes(15L * (slot % 95)) + ":00Z";
                    var email = "returning-" + (i % 100) + "@example.com";
                    var key = ApiUnderTest.newKey();
                    var status =
                            api.book("kms-count", start, "Customer", email, key).status();
                    while (status == 429) {
                        // The API's throttle (the template's rate) is not what this test is about.
                        Thread.sleep(50);
                        status = api.book("kms-count", start, "Customer", email, key)
                                .status();
                    }
                    assertThat(status).as(start).isEqualTo(201);
                    created++;
                }
                return created;
            });
        }
        int created = 0;
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var f : pool.invokeAll(tasks)) {
                created += f.get();
            }
        }
        long dataKeyCalls = kms.callCount("GenerateDataKey") + kms.callCount("Decrypt") - before;
        System.out.printf("1000 bookings by 100 customers: %d KMS data-key calls%n", dataKeyCalls);

        assertThat(created).isEqualTo(1000);
        assertThat(dataKeyCalls)
                .as("one new data key per customer, nothing for returning ones")
                .isBetween(100L, 110L);
    }

    private static LocalStack localStack() {
        var stack = ApiUnderTest.localStack();
        assumeTrue(stack.isPresent(), "needs the local stack in this JVM (scans its tables, counts its KMS calls)");
        return stack.get();
    }

    private static DynamoDbClient rawClient(LocalStack stack) {
        return ApiUnderTest.rawDynamoDb(stack);
    }
}
