package com.safebook.aws.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.aws.config.Settings;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.InMemoryKeyService;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.aws.testing.RawTables;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingRequest;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.ManageToken;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.consent.ConsentDecisionRequest;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.fake.TestCatalog;
import com.safebook.core.fake.TestConsents;
import com.safebook.core.security.SecureIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The second layer of encryption, against DynamoDB Local (or the endpoint the environment names)
 * with an in-memory key service: what is stored, what a tampered or moved ciphertext does, and
 * how few key-service calls the cache leaves.
 */
class PersonalDataEncryptionTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req", "198.51.100.4", "test");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static final AtomicInteger SLOT = new AtomicInteger();
    private static final Set<String> WRITES =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
    /** One master key, as one KMS key serves every function of a stack. */
    private static final InMemoryKeyService KEY_SERVICE = new InMemoryKeyService();

    private static DynamoDbClient dynamoDb;
    private static Settings settings;
    private static CatalogRepository catalog;

    @BeforeAll
    static void tables() {
        dynamoDb = LocalDynamoDb.client();
        settings = EncryptedStore.settings(LocalDynamoDb.createTables("crypto"));
        // The booking transaction checks its service against the stored catalogue.
        catalog = new EncryptedStore(dynamoDb, settings, CLOCK).catalog();
        catalog.save(TestCatalog.allDay("quarter", 15, "chair-1"));
    }

    @Test
    void book_rawScanOfEveryTable_findsNoPersonalData() {
        var store = store();
        var request = new BookingRequest(
                "quarter",
                nextSlot(),
                "Zelda Quixote-Marlowe",
                "Zelda.Q.Marlowe@Example.org",
                "+44 20 7946 0958",
                "Allergic to penicillin, xyzzy-plugh",
                TestConsents.healthNotesGranted());

        var confirmation = useCase(store).create(request, key(), CONTEXT);

        var items = RawTables.scan(
                dynamoDb, List.of(settings.bookingsTable(), settings.auditTable(), settings.keysTable()));
        assertThat(items).isNotEmpty();
        assertThat(RawTables.found(
                        items,
                        List.of(
                                "Zelda",
                                "Quixote",
                                "marlowe@example.org",
                                "Zelda.Q.Marlowe",
                                "7946 0958",
                                "penicillin",
                                "xyzzy",
                                confirmation.manageToken())))
                .isEmpty();
        var booking = store.repository().find(confirmation.bookingId(), NOW).orElseThrow();
        assertThat(booking.customer().name()).isEqualTo("Zelda Quixote-Marlowe");
        assertThat(booking.notes()).contains("Allergic to penicillin, xyzzy-plugh");
    }

    @Test
    void ciphertextMovedToAnotherBooking_isRejectedAndReported() {
        var store = store();
        var first = book(store, "mover@example.com");
        var second = book(store, "mover@example.com");
        var name = bookingItem(first).get("customerName");

        updateAttribute(second, "customerName", name);

        assertThatThrownBy(() -> store.repository().find(second, NOW))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.DATA_INTEGRITY));
        assertThat(store.metrics().rejectedCiphertexts()).containsExactly("bookings/customerName");
        assertThat(store.repository().find(first, NOW)).isPresent();
    }

    @Test
    void ciphertextMovedToAnotherAttribute_isRejected() {
        var store = store();
        var booking = book(store, "swapper@example.com");

        updateAttribute(booking, "customerName", bookingItem(booking).get("customerEmail"));

        assertThatThrownBy(() -> store.repository().find(booking, NOW)).isInstanceOf(DomainException.class);
        assertThat(store.metrics().rejectedCiphertexts()).containsExactly("bookings/customerName");
    }

    @Test
    void oneBitFlipped_isRejectedNeverReturned() {
        var store = store();
        var booking = book(store, "flipper@example.com");
        var stored = bookingItem(booking).get("customerEmail").b().asByteArray();

        for (int bit : new int[] {0, 8 * 5 + 3, 8 * 20, stored.length * 8 - 1}) {
            var tampered = stored.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            updateAttribute(booking, "customerEmail", AttributeValue.fromB(SdkBytes.fromByteArray(tampered)));
            assertThatThrownBy(() -> store.repository().find(booking, NOW))
                    .as("bit %d", bit)
                    .isInstanceOf(DomainException.class);
        }
        assertThat(store.metrics().rejectedCiphertexts()).hasSize(4);
    }

    @Test
    void returningCustomer_warmFunction_makesNoFurtherKeyCalls() {
        var keyService = KEY_SERVICE;
        var store = store();
        var before = keyService.generateCalls() + keyService.unwrapCalls();
        for (int i = 0; i < 20; i++) {
            book(store, "regular@example.com");
        }
        var afterFirstWarmRun = keyService.generateCalls() + keyService.unwrapCalls();
        // The subject's new key, and the index key (unwrapped, or made if this test runs first); the
        // instance's first new customer has no key made ahead for the next.
        assertThat(afterFirstWarmRun - before).isEqualTo(2);

        // A cold function (new process, same tables) unwraps once per key it needs, then caches.
        var cold = store();
        for (int i = 0; i < 20; i++) {
            book(cold, "regular@example.com");
        }
        assertThat(keyService.generateCalls() + keyService.unwrapCalls() - afterFirstWarmRun)
                .isEqualTo(2); // the index key and the subject's key
    }

    @Test
    void newCustomers_warmFunction_eachTakesTheKeyMadeAheadAndCostsOneKeyCall() {
        var store = store();
        book(store, "first-of-the-day@example.com");
        book(store, "second-of-the-day@example.com");
        var generatedBefore = KEY_SERVICE.generateCalls();
        var unwrappedBefore = KEY_SERVICE.unwrapCalls();

        var bookings = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            bookings.add(book(store, "newcomer-" + i + "@example.com"));
            assertThat(KEY_SERVICE.generateCalls() - generatedBefore)
                    .as("each new customer takes the key made ahead and has the next one made")
                    .isEqualTo(i + 1);
        }

        assertThat(KEY_SERVICE.unwrapCalls()).isEqualTo(unwrappedBefore);
        assertThat(bookings.stream().map(this::subjectOf).distinct()).hasSize(5);
        var cold = store();
        for (var booking : bookings) {
            assertThat(cold.repository().find(booking, NOW))
                    .as("the key made ahead was stored wrapped, with the subject it was made for")
                    .hasValueSatisfying(b -> assertThat(b.customer().email()).startsWith("newcomer-"));
        }
    }

    @Test
    void keyServiceDown_newCustomerTakesTheKeyMadeAhead_thenBookingsFailUntilItIsBack() {
        var store = store();
        book(store, "before-the-outage@example.com");
        book(store, "second-before-the-outage@example.com");
        var before = RawTables.scan(dynamoDb, List.of(settings.bookingsTable(), settings.keysTable()))
                .size();

        KEY_SERVICE.failWith(SdkClientException.create("KMS is unreachable"));
        String lucky;
        try {
            lucky = book(store, "lucky@example.com");
            var afterLucky = RawTables.scan(dynamoDb, List.of(settings.bookingsTable(), settings.keysTable()))
                    .size();
            assertThat(afterLucky).isGreaterThan(before);
            assertThatThrownBy(() -> book(store, "unlucky-too@example.com"))
                    .as("no key made ahead is left, and none can be made")
                    .isInstanceOf(SdkClientException.class);
            assertThat(RawTables.scan(dynamoDb, List.of(settings.bookingsTable(), settings.keysTable()))
                            .size())
                    .isEqualTo(afterLucky);
        } finally {
            KEY_SERVICE.recover();
        }

        assertThat(store().repository().find(lucky, NOW)).isPresent();
        assertThat(subjectOf(book(store, "after-the-outage@example.com"))).isNotEqualTo(subjectOf(lucky));
    }

    @Test
    void forgetAll_dropsTheKeyMadeAhead() {
        var store = store();
        book(store, "before-the-snapshot@example.com");
        book(store, "second-before-the-snapshot@example.com");
        store.keyring().forgetAll();
        var generatedBefore = KEY_SERVICE.generateCalls();

        var booking = book(store, "after-the-restore@example.com");

        assertThat(KEY_SERVICE.generateCalls() - generatedBefore)
                .as("the new customer's key made now, and the next one made ahead")
                .isEqualTo(2);
        assertThat(store().repository().find(booking, NOW)).isPresent();
    }

    @Test
    void book_withFormGrants_newAndReturningCustomer_oneWriteRequestEach() {
        var operations = new CopyOnWriteArrayList<String>();
        var store = new EncryptedStore(countingClient(operations), settings, CLOCK, KEY_SERVICE);
        var grants = new HashMap<>(TestConsents.healthNotesGranted());
        grants.put("marketing-email", new ConsentDecisionRequest(true, "2026-03-01"));
        var email = "two.grants-" + UUID.randomUUID() + "@example.org";

        for (var customer : List.of("new", "returning")) {
            operations.clear();
            var request = new BookingRequest("quarter", nextSlot(), "Grant Giver", email, null, "notes", grants);
            var confirmation = useCase(store).create(request, key(), CONTEXT);

            assertThat(confirmation.consentsRecorded()).as(customer).containsExactly("marketing-email", "health-notes");
            assertThat(operations)
                    .as(customer + " customer: " + operations)
                    .filteredOn(WRITES::contains)
                    .containsExactly("TransactWriteItems");
        }
        var subject = store.repository()
                .findByManageToken(
                        ManageToken.hash(useCase(store)
                                .create(
                                        new BookingRequest("quarter", nextSlot(), "Grant Giver", email, null, null),
                                        key(),
                                        CONTEXT)
                                .manageToken()),
                        NOW)
                .orElseThrow()
                .subjectId();
        assertThat(store.consentLedger().history(subject, NOW)).hasSize(2);
    }

    @Test
    void dayOfManyCustomers_coldFunction_readsTheirKeysInOneBatchAndLeavesOutTheErased() {
        var writer = store();
        var bookings = new ArrayList<String>();
        for (int i = 0; i < 12; i++) {
            // A day of their own (7 March in Berlin), one slot each.
            var start = Instant.parse("2026-03-07T06:00:00Z").plus(Duration.ofMinutes(15L * i));
            var request = new BookingRequest(
                    "quarter",
                    start.toString().replace("Z", "+00:00"),
                    "Customer " + i,
                    "day." + i + "@example.org",
                    null,
                    null);
            bookings.add(useCase(writer).create(request, key(), CONTEXT).bookingId());
        }
        var erased = subjectOf(bookings.getLast());
        dynamoDb.deleteItem(r -> r.tableName(settings.keysTable())
                .key(Map.of("pk", AttributeValue.fromS(DynamoDbKeyTable.subjectKey(erased)))));
        var operations = new CopyOnWriteArrayList<String>();
        var cold = new EncryptedStore(countingClient(operations), settings, CLOCK, KEY_SERVICE);
        var unwrapsBefore = KEY_SERVICE.unwrapCalls();

        var day = cold.repository().onDay(LocalDate.of(2026, 3, 7), 500, NOW);

        assertThat(day).extracting(Booking::bookingId).containsExactlyInAnyOrderElementsOf(bookings.subList(0, 11));
        assertThat(day).allSatisfy(b -> assertThat(b.customer().name()).startsWith("Customer "));
        assertThat(KEY_SERVICE.unwrapCalls() - unwrapsBefore)
                .as("one unwrap per customer")
                .isEqualTo(11);
        assertThat(operations)
                .as("the day's keys, then the bookings, then the customers' keys: " + operations)
                .containsExactly("Query", "BatchGetItem", "BatchGetItem");

        KEY_SERVICE.failWith(SdkClientException.create("KMS is unreachable"));
        try {
            assertThatThrownBy(() -> store().repository().onDay(LocalDate.of(2026, 3, 7), 500, NOW))
                    .as("a cold function whose key service fails fails the read, with the service's error")
                    .isInstanceOf(SdkClientException.class);
        } finally {
            KEY_SERVICE.recover();
        }
    }

    @Test
    void wrongManageToken_coldFunction_fetchesNoKeyAndDecryptsNothing() {
        var booking = book(store(), "guessed@example.com");
        var cold = store();
        var access = new BookingAccess(cold.repository());
        var before = KEY_SERVICE.unwrapCalls();

        assertThatThrownBy(() -> access.withToken(booking, "a-guessed-token-that-is-long-enough", NOW))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("No booking matches");
        assertThat(KEY_SERVICE.unwrapCalls()).isEqualTo(before);

        // The same cold function reading the booking without a token check does fetch the key.
        assertThat(cold.repository().find(booking, NOW)).isPresent();
        assertThat(KEY_SERVICE.unwrapCalls()).isGreaterThan(before);
    }

    @Test
    void samePersonAnyCase_isOneSubjectWithOneKey() {
        var store = store();
        var one = book(store, "Grace.Hopper@Example.com");
        var two = book(store(), " grace.hopper@example.COM");

        assertThat(subjectOf(one)).isEqualTo(subjectOf(two));
    }

    @Test
    void newPersonBookingFromManyFunctionsAtOnce_endsWithOneSubject() throws Exception {
        var keyService = KEY_SERVICE;
        var tasks = new ArrayList<Callable<String>>();
        for (int i = 0; i < 12; i++) {
            // Each task is its own function instance: no shared cache, one shared table.
            var store = store();
            tasks.add(() -> book(store, "crowd@example.com"));
        }
        var bookings = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (var f : pool.invokeAll(tasks)) {
                bookings.add(f.get());
            }
        }

        assertThat(bookings.stream().map(this::subjectOf).distinct()).hasSize(1);
        var store = store();
        for (var booking : bookings) {
            assertThat(store.repository().find(booking, NOW)).isPresent();
        }
    }

    @Test
    void subjectKeyDestroyed_bookingCannotBeReadAndStaleCacheCannotWrite() {
        var store = store();
        var booking = book(store, "shredded@example.com");
        var subject = subjectOf(booking);
        var emailIndex = dynamoDb.getItem(r -> r.tableName(settings.keysTable())
                        .key(Map.of("pk", AttributeValue.fromS(DynamoDbKeyTable.subjectKey(subject)))))
                .item()
                .get("emailIndex")
                .s();

        dynamoDb.deleteItem(r -> r.tableName(settings.keysTable())
                .key(Map.of("pk", AttributeValue.fromS(DynamoDbKeyTable.subjectKey(subject)))));
        dynamoDb.deleteItem(r -> r.tableName(settings.keysTable())
                .key(Map.of("pk", AttributeValue.fromS(DynamoDbKeyTable.emailKey(emailIndex)))));

        var cold = store();
        assertThat(cold.repository().find(booking, NOW)).isEmpty();
        // The warm function still has the key cached: its next booking finds the subject gone and
        // makes a new one rather than writing under the destroyed key.
        var next = book(store, "shredded@example.com");
        assertThat(subjectOf(next)).isNotEqualTo(subject);
    }

    @Test
    void keyServiceDown_bookingFailsAndNothingIsWritten() {
        var keyService = KEY_SERVICE;
        var store = store();
        var before = RawTables.scan(dynamoDb, List.of(settings.bookingsTable(), settings.keysTable()))
                .size();
        keyService.failWith(SdkClientException.create("KMS is unreachable"));
        try {
            assertThatThrownBy(() -> book(store, "unlucky@example.com")).isInstanceOf(SdkClientException.class);
        } finally {
            keyService.recover();
        }

        assertThat(RawTables.scan(dynamoDb, List.of(settings.bookingsTable(), settings.keysTable()))
                        .size())
                .isEqualTo(before);
    }

    /** A client of the same DynamoDB that notes the name of every operation it is asked for. */
    private static DynamoDbClient countingClient(List<String> operations) {
        var config = dynamoDb.serviceClientConfiguration();
        var counting = DynamoDbClient.builder()
                .region(config.region())
                .credentialsProvider(config.credentialsProvider())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }));
        config.endpointOverride().ifPresent(counting::endpointOverride);
        return counting.build();
    }

    /** A function instance: its own caches over the shared tables and key service. */
    private static EncryptedStore store() {
        return new EncryptedStore(dynamoDb, settings, CLOCK, KEY_SERVICE);
    }

    private String book(EncryptedStore store, String email) {
        var request = new BookingRequest("quarter", nextSlot(), "Test Person", email, null, null);
        return useCase(store).create(request, key(), CONTEXT).bookingId();
    }

    private static CreateBooking useCase(EncryptedStore store) {
        return new CreateBooking(
                catalog,
                store.repository(),
                store.keyring(),
                CLOCK,
                new SecureIds(),
                RetentionPolicy.defaults(),
                TestConsents.formConsents(store.consentLedger(), CLOCK));
    }

    /** A slot of its own for every booking: the next quarter hour not yet handed out. */
    private static String nextSlot() {
        return NOW.truncatedTo(ChronoUnit.DAYS)
                .plus(1, ChronoUnit.DAYS)
                .plus(15L * SLOT.getAndIncrement(), ChronoUnit.MINUTES)
                .toString()
                .replace("Z", "+00:00");
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private String subjectOf(String bookingId) {
        return bookingItem(bookingId).get("subjectId").s();
    }

    private static Map<String, AttributeValue> bookingItem(String bookingId) {
        return dynamoDb.getItem(r -> r.tableName(settings.bookingsTable()).key(bookingKey(bookingId)))
                .item();
    }

    private static void updateAttribute(String bookingId, String attribute, AttributeValue value) {
        var values = new HashMap<String, AttributeValue>();
        values.put(":v", value);
        dynamoDb.updateItem(r -> r.tableName(settings.bookingsTable())
                .key(bookingKey(bookingId))
                .updateExpression("SET " + attribute + " = :v")
                .expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> bookingKey(String bookingId) {
        return Map.of("pk", AttributeValue.fromS("BOOKING#" + bookingId), "sk", AttributeValue.fromS("BOOKING"));
    }
}
