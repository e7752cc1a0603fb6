package com.safebook.aws.invariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.aws.config.Settings;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.crypto.DynamoDbKeyTable;
import com.safebook.aws.dynamodb.AuditItems;
import com.safebook.aws.dynamodb.AuditRecordJson;
import com.safebook.aws.dynamodb.DynamoDbConsentLedger;
import com.safebook.aws.dynamodb.DynamoDbErasureStore;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingConfirmation;
import com.safebook.core.booking.BookingRequest;
import com.safebook.core.booking.Cancellation;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.erasure.ErasePerson;
import com.safebook.core.erasure.ErasureStore;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.fake.TestCatalog;
import com.safebook.core.fake.TestConsents;
import com.safebook.core.security.SecureIds;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checker against DynamoDB Local: a store written by the real adapters (bookings, a
 * cancellation, consents, an erasure) is clean; each kind of violation, planted raw, is reported
 * by its item's key, and nothing else is.
 */
class StoredDataInvariantsTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req", "198.51.100.4", "test");
    private static final String NAME = "Vera Violation";

    @Test
    void check_storeWrittenByTheFunctions_isClean() {
        var store = new Store();
        store.book("ada@example.org", 1);
        var cancelled = store.book("ada@example.org", 2);
        store.cancel(cancelled, "CancelBooking");
        store.cancel(store.book("bob@example.org", 3), "StaffCancelBooking");
        store.erase(store.book("erin@example.org", 4));

        var report = store.check();

        assertThat(report.violations()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.pendingErasures()).isEmpty();
        assertThat(report.checkedAt()).isEqualTo(NOW);
        assertThat(report.itemsScanned().get(store.settings.bookingsTable())).isGreaterThan(10);
        assertThat(report.itemsScanned().get(store.settings.auditTable())).isGreaterThan(5);
        assertThat(report.itemsScanned().get(store.settings.keysTable())).isGreaterThan(3);
    }

    @Test
    void check_lockDeleted_reportsTheBookingMissingIt() {
        var store = new Store();
        var booking = store.book("ada@example.org", 1);
        var lock = store.locksOf(booking.bookingId()).getFirst();
        store.deleteRaw(store.settings.bookingsTable(), lock);

        var report = store.check();

        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.BOOKING_HOLDS_ITS_LOCKS);
            assertThat(v.itemKey()).isEqualTo("BOOKING#" + booking.bookingId() + "/BOOKING");
            assertThat(v.detail())
                    .isEqualTo("no lock " + lock.get("pk").s() + "/"
                            + lock.get("sk").s());
        });
    }

    @Test
    void check_lockOfNoBookingOrOfACancelledOne_isReported() {
        var store = new Store();
        var cancelled = store.book("ada@example.org", 1);
        var lock = store.locksOf(cancelled.bookingId()).getFirst();
        store.cancel(cancelled, "CancelBooking");
        store.putRaw(store.settings.bookingsTable(), lock);
        var orphan = new HashMap<>(lock);
        orphan.put("sk", AttributeValue.fromS("2026-03-20T09:00Z"));
        orphan.put("bookingId", AttributeValue.fromS("no-such-booking"));
        store.putRaw(store.settings.bookingsTable(), orphan);

        var report = store.check();

        assertThat(report.violations())
                .extracting(InvariantViolation::invariant, InvariantViolation::itemKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.LOCK_BELONGS_TO_A_BOOKING,
                                lock.get("pk").s() + "/" + lock.get("sk").s()),
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.LOCK_BELONGS_TO_A_BOOKING,
                                lock.get("pk").s() + "/2026-03-20T09:00Z"));
        assertThat(report.violations()).anySatisfy(v -> assertThat(v.detail()).endsWith("which is CANCELLED"));
    }

    @Test
    void check_bookingItemLostAlone_reportsEveryItemThatStillPointsToIt() {
        var store = new Store();
        var booking = store.book("ada@example.org", 1);
        store.deleteRaw(store.settings.bookingsTable(), store.key("BOOKING#" + booking.bookingId(), "BOOKING"));

        var report = store.check();

        // 30 minutes: two locks; the token lookup and the idempotency record.
        assertThat(report.violations())
                .extracting(InvariantViolation::invariant)
                .containsExactlyInAnyOrder(
                        Invariant.LOCK_BELONGS_TO_A_BOOKING,
                        Invariant.LOCK_BELONGS_TO_A_BOOKING,
                        Invariant.TOKEN_POINTS_TO_A_BOOKING,
                        Invariant.IDEMPOTENCY_POINTS_TO_A_BOOKING);
        assertThat(report.violations()).allSatisfy(v -> {
            assertThat(v.detail()).contains(booking.bookingId());
            assertThat(v.toString()).doesNotContain(NAME, "ada@example.org", "EMAIL#");
        });
    }

    @Test
    void check_tokenLookupDeleted_isReported() {
        var store = new Store();
        var booking = store.book("ada@example.org", 1);
        var token = store.rawItems(store.settings.bookingsTable(), "TOKEN#").getFirst();
        store.deleteRaw(
                store.settings.bookingsTable(), store.key(token.get("pk").s(), "TOKEN"));

        var report = store.check();

        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.BOOKING_HAS_ITS_TOKEN_LOOKUP);
            assertThat(v.itemKey()).isEqualTo("BOOKING#" + booking.bookingId() + "/BOOKING");
        });
    }

    @Test
    void check_creationOrCancellationRecordMissing_isReported() {
        var store = new Store();
        var created = store.book("ada@example.org", 1);
        var cancelled = store.book("bob@example.org", 2);
        store.cancel(cancelled, "StaffCancelBooking");
        store.deleteAuditRecord("CreateBooking", "safebook:booking/" + created.bookingId());
        store.deleteAuditRecord("StaffCancelBooking", "safebook:booking/" + cancelled.bookingId());

        var report = store.check();

        assertThat(report.violations())
                .extracting(InvariantViolation::invariant, InvariantViolation::itemKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.BOOKING_CREATION_AUDITED, "BOOKING#" + created.bookingId() + "/BOOKING"),
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.CANCELLATION_AUDITED, "BOOKING#" + cancelled.bookingId() + "/BOOKING"));
    }

    @Test
    void check_subjectKeyLostOrExpiringFirst_isReported() {
        var store = new Store();
        var lost = store.book("ada@example.org", 1);
        var shortLived = store.book("bob@example.org", 2);
        store.deleteRaw(store.settings.keysTable(), store.key("SUBJECT#" + store.subjectOf(lost), null));
        store.updateNumberRaw(
                store.settings.keysTable(),
                store.key("SUBJECT#" + store.subjectOf(shortLived), null),
                "expiresAt",
                NOW.plus(Duration.ofDays(1)).getEpochSecond());

        var report = store.check();

        assertThat(report.violationsOf(Invariant.BOOKING_HAS_ITS_SUBJECT_KEY))
                .extracting(InvariantViolation::itemKey)
                .containsExactlyInAnyOrder(
                        "BOOKING#" + lost.bookingId() + "/BOOKING", "BOOKING#" + shortLived.bookingId() + "/BOOKING");
        assertThat(report.violations()).hasSize(2);
    }

    @Test
    void check_erasureCrashedAfterTheKey_isPendingThenStalledThenCleanOnRetry() {
        var store = new Store();
        var booking = store.book("ada@example.org", 1);
        store.book("ada@example.org", 2);
        assertThatThrownBy(() -> store.crashingErase().byManageToken(booking.manageToken(), CONTEXT))
                .hasMessage("simulated crash");
        var erasureKey = "ERASURE#" + store.subjectOfErased();

        var pending = store.check();
        store.clock.advance(StoredDataInvariants.DEFAULT_ERASURE_GRACE.plusSeconds(1));
        var stalled = store.check();
        store.erase(booking);
        var retried = store.check();

        assertThat(pending.violations()).isEmpty();
        assertThat(pending.pendingErasures()).singleElement().satisfies(p -> {
            assertThat(p.itemKey()).isEqualTo(erasureKey);
            assertThat(p.age()).isZero();
        });
        assertThat(stalled.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.ERASURE_COMPLETES);
            assertThat(v.itemKey()).isEqualTo(erasureKey);
        });
        assertThat(retried.violations()).isEmpty();
        assertThat(retried.pendingErasures()).isEmpty();
    }

    @Test
    void check_itemsOfAnErasedSubjectPutBack_areReported() {
        var store = new Store();
        var booking = store.book("ada@example.org", 1);
        var subject = store.subjectOf(booking);
        var bookingItem = store.getRaw(store.settings.bookingsTable(), "BOOKING#" + booking.bookingId(), "BOOKING");
        var lock = store.locksOf(booking.bookingId()).getFirst();
        var consent = store.rawItems(store.settings.bookingsTable(), "CONSENT#").getFirst();
        var key = store.getRaw(store.settings.keysTable(), "SUBJECT#" + subject, null);
        store.erase(booking);
        for (var item : List.of(bookingItem, lock, consent)) {
            store.putRaw(store.settings.bookingsTable(), item);
        }
        store.putRaw(store.settings.keysTable(), key);

        var report = store.check();

        assertThat(report.violations())
                .extracting(InvariantViolation::invariant, InvariantViolation::itemKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                                "BOOKING#" + booking.bookingId() + "/BOOKING"),
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                                lock.get("pk").s() + "/" + lock.get("sk").s()),
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                                consent.get("pk").s() + "/" + consent.get("sk").s()),
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT, "SUBJECT#" + subject));
    }

    @Test
    void check_erasureRecordWithoutAuditOrReceiptWithoutErasure_isReported() {
        var store = new Store();
        var booking = store.book("ada@example.org", 1);
        var subject = store.subjectOf(booking);
        store.erase(booking);
        store.deleteAuditRecord("ErasePersonalData", "safebook:subject/" + subject);
        store.putRaw(
                store.settings.keysTable(),
                Map.of(
                        "pk", AttributeValue.fromS("ERASURE-TOKEN#" + "0".repeat(64)),
                        "subjectId", AttributeValue.fromS("never-erased")));

        var report = store.check();

        assertThat(report.violations())
                .extracting(InvariantViolation::invariant, InvariantViolation::itemKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Invariant.ERASURE_AUDITED, "ERASURE#" + subject),
                        org.assertj.core.groups.Tuple.tuple(
                                Invariant.RECEIPT_POINTS_TO_AN_ERASURE, "ERASURE-TOKEN#" + "0".repeat(64)));
    }

    @Test
    void check_expiredItemsNotYetSwept_areGone() {
        var store = new Store();
        var wholly = store.book("ada@example.org", 1);
        var partly = store.book("bob@example.org", 2);
        // TTL lags: a booking whose every item has expired is gone, swept or not.
        for (var item : store.itemsNaming(wholly.bookingId())) {
            store.updateNumberRaw(store.settings.bookingsTable(), item, "expiresAt", NOW.getEpochSecond() - 1);
        }
        // At exactly its expiresAt a booking has expired, as the functions read it: what points to it dangles.
        store.updateNumberRaw(
                store.settings.bookingsTable(),
                store.key("BOOKING#" + partly.bookingId(), "BOOKING"),
                "expiresAt",
                NOW.getEpochSecond());

        var report = store.check();

        assertThat(report.violations())
                .extracting(InvariantViolation::invariant)
                .containsExactlyInAnyOrder(
                        Invariant.LOCK_BELONGS_TO_A_BOOKING,
                        Invariant.LOCK_BELONGS_TO_A_BOOKING,
                        Invariant.TOKEN_POINTS_TO_A_BOOKING,
                        Invariant.IDEMPOTENCY_POINTS_TO_A_BOOKING);
        assertThat(report.violations()).allSatisfy(v -> assertThat(v.detail()).contains(partly.bookingId()));
    }

    @Test
    void check_bookingItemWithoutItsTimes_isReportedAsMalformed() {
        var store = new Store();
        var booking = store.book("ada@example.org", 1);
        var item = store.getRaw(store.settings.bookingsTable(), "BOOKING#" + booking.bookingId(), "BOOKING");
        var broken = new HashMap<>(item);
        broken.remove("start");
        store.putRaw(store.settings.bookingsTable(), broken);

        var report = store.check();

        assertThat(report.violationsOf(Invariant.ITEM_IS_WELL_FORMED))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.itemKey()).isEqualTo("BOOKING#" + booking.bookingId() + "/BOOKING");
                    assertThat(v.detail()).isEqualTo("no start");
                });
    }

    /** Tables of one test, written through the adapters the functions use. */
    private static final class Store {
        final MutableClock clock = new MutableClock(NOW);
        final DynamoDbClient dynamoDb = LocalDynamoDb.client();
        final Settings settings = EncryptedStore.settings(LocalDynamoDb.createTables("invariants"));
        final EncryptedStore encrypted = new EncryptedStore(dynamoDb, settings, clock);
        final DynamoDbErasureStore erasures;
        final DynamoDbConsentLedger consents;
        final CreateBooking create;
        final BookingAccess access = new BookingAccess(encrypted.repository());
        private String erasedSubject;

        Store() {
            var catalog = encrypted.catalog();
            catalog.save(TestCatalog.allDay("half-hour", 30, "chair-1"));
            var auditItems = new AuditItems(new AuditRecordJson(SharedModule.objectMapper()));
            erasures = new DynamoDbErasureStore(
                    dynamoDb,
                    new DynamoDbKeyTable(dynamoDb, settings, clock),
                    encrypted.keyring(),
                    auditItems,
                    settings);
            consents = new DynamoDbConsentLedger(dynamoDb, auditItems, settings);
            create = new CreateBooking(
                    catalog,
                    encrypted.repository(),
                    encrypted.keyring(),
                    clock,
                    new SecureIds(),
                    RetentionPolicy.defaults(),
                    TestConsents.formConsents(consents, clock));
        }

        InvariantReport check() {
            return new StoredDataInvariants(
                            dynamoDb,
                            new StoredDataInvariants.Tables(
                                    settings.bookingsTable(), settings.auditTable(), settings.keysTable()),
                            clock,
                            StoredDataInvariants.DEFAULT_ERASURE_GRACE)
                    .check();
        }

        BookingConfirmation book(String email, int day) {
            var start =
                    NOW.truncatedTo(ChronoUnit.DAYS).plus(day, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
            var request = new BookingRequest(
                    "half-hour",
                    start.toString().replace("Z", "+00:00"),
                    NAME,
                    email,
                    null,
                    "a note",
                    TestConsents.healthNotesGranted());
            return create.create(request, UUID.randomUUID().toString(), CONTEXT);
        }

        void cancel(BookingConfirmation confirmation, String eventName) {
            var booking = access.withToken(confirmation.bookingId(), confirmation.manageToken(), clock.instant());
            new Cancellation(encrypted.repository(), new SecureIds())
                    .cancel(booking, clock.instant(), eventName, CONTEXT);
        }

        void erase(BookingConfirmation confirmation) {
            new ErasePerson(access, erasures, erasures, consents, clock, new SecureIds())
                    .byManageToken(confirmation.manageToken(), CONTEXT);
        }

        /** Erasure that crashes at its first booking, once the key is destroyed. */
        ErasePerson crashingErase() {
            var crashing = (ErasureStore) Proxy.newProxyInstance(
                    ErasureStore.class.getClassLoader(), new Class<?>[] {ErasureStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("cancel")) {
                            erasedSubject = (String) args[0];
                            throw new IllegalStateException("simulated crash");
                        }
                        try {
                            return method.invoke(erasures, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return new ErasePerson(access, erasures, crashing, consents, clock, new SecureIds());
        }

        String subjectOfErased() {
            return erasedSubject;
        }

        String subjectOf(BookingConfirmation confirmation) {
            return getRaw(settings.bookingsTable(), "BOOKING#" + confirmation.bookingId(), "BOOKING")
                    .get("subjectId")
                    .s();
        }

        List<Map<String, AttributeValue>> locksOf(String bookingId) {
            return rawItems(settings.bookingsTable(), "LOCK#").stream()
                    .filter(item -> bookingId.equals(item.get("bookingId").s()))
                    .toList();
        }

        /** The booking's items in the bookings table: itself, its locks, its token lookup, its idempotency record. */
        List<Map<String, AttributeValue>> itemsNaming(String bookingId) {
            return rawItems(settings.bookingsTable(), "").stream()
                    .filter(item -> item.containsKey("bookingId")
                            && bookingId.equals(item.get("bookingId").s()))
                    .map(item -> key(item.get("pk").s(), item.get("sk").s()))
                    .toList();
        }

        List<Map<String, AttributeValue>> rawItems(String table, String prefix) {
            return dynamoDb.scan(r -> r.tableName(table)).items().stream()
                    .filter(item -> item.get("pk").s().startsWith(prefix))
                    .toList();
        }

        Map<String, AttributeValue> getRaw(String table, String pk, String sk) {
            return dynamoDb.getItem(r -> r.tableName(table).key(key(pk, sk))).item();
        }

        void putRaw(String table, Map<String, AttributeValue> item) {
            dynamoDb.putItem(r -> r.tableName(table).item(item));
        }

        void deleteRaw(String table, Map<String, AttributeValue> item) {
            dynamoDb.deleteItem(r -> r.tableName(table)
                    .key(key(
                            item.get("pk").s(),
                            item.containsKey("sk") ? item.get("sk").s() : null)));
        }

        void updateNumberRaw(String table, Map<String, AttributeValue> key, String attribute, long value) {
            dynamoDb.updateItem(r -> r.tableName(table)
                    .key(key)
                    .updateExpression("SET #a = :v")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(value)))));
        }

        void deleteAuditRecord(String eventName, String arn) {
            var records = dynamoDb.scan(r -> r.tableName(settings.auditTable())).items().stream()
                    .filter(item -> item.containsKey("eventName")
                            && eventName.equals(item.get("eventName").s())
                            && item.get("record").s().contains("\"" + arn + "\""))
                    .toList();
            assertThat(records).hasSize(1);
            deleteRaw(settings.auditTable(), records.getFirst());
        }

        Map<String, AttributeValue> key(String pk, String sk) {
            var key = new HashMap<String, AttributeValue>();
            key.put("pk", AttributeValue.fromS(pk));
            if (sk != null) {
                key.put("sk", AttributeValue.fromS(sk));
            }
            return key;
        }
    }
}
