package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.aws.config.Settings;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.crypto.DynamoDbKeyTable;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.InMemoryKeyService;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.aws.testing.RawTables;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingRequest;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.consent.ConsentChannel;
import com.safebook.core.consent.ConsentDecision;
import com.safebook.core.consent.ConsentRecord;
import com.safebook.core.erasure.ErasePerson;
import com.safebook.core.erasure.ErasedItem;
import com.safebook.core.erasure.ErasureStore;
import com.safebook.core.error.DomainException;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.fake.TestCatalog;
import com.safebook.core.fake.TestConsents;
import com.safebook.core.security.SecureIds;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Erasure against DynamoDB Local: a crash right after the key is destroyed, then a retry. */
class DynamoDbErasureStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req", "198.51.100.4", "test");
    private static DynamoDbClient dynamoDb;
    private static Settings settings;
    private static CatalogRepository catalog;

    @BeforeAll
    static void tables() {
        dynamoDb = LocalDynamoDb.client();
        settings = EncryptedStore.settings(LocalDynamoDb.createTables("erasure"));
        // The booking transaction checks its service against the stored catalogue.
        catalog = new EncryptedStore(dynamoDb, settings, CLOCK).catalog();
        catalog.save(TestCatalog.allDay("quarter", 15, "chair-1"));
    }

    @Test
    void erase_crashAfterKeyDestroyed_retryRemovesEverythingAndCountsEachItemOnce() {
        var store = new EncryptedStore(dynamoDb, settings, CLOCK, new InMemoryKeyService());
        var create = new CreateBooking(
                catalog,
                store.repository(),
                store.keyring(),
                CLOCK,
                new SecureIds(),
                RetentionPolicy.defaults(),
                TestConsents.formConsents(store.consentLedger(), CLOCK));
        var email = "Erin.Erasure-" + UUID.randomUUID() + "@example.org";
        var tokens = List.of(
                create.create(request(email, 1), UUID.randomUUID().toString(), CONTEXT)
                        .manageToken(),
                create.create(request(email, 2), UUID.randomUUID().toString(), CONTEXT)
                        .manageToken());
        var adapter = new DynamoDbErasureStore(
                dynamoDb,
                new DynamoDbKeyTable(dynamoDb, settings, CLOCK),
                store.keyring(),
                new AuditItems(new AuditRecordJson(SharedModule.objectMapper())),
                settings);
        var consents = new DynamoDbConsentLedger(
                dynamoDb, new AuditItems(new AuditRecordJson(SharedModule.objectMapper())), settings);
        var access = new BookingAccess(store.repository());
        var crashing = new ErasePerson(access, adapter, crashAfterKey(adapter), consents, CLOCK, new SecureIds());
        var erase = new ErasePerson(access, adapter, adapter, consents, CLOCK, new SecureIds());

        var subject = access.withToken(tokens.get(0), NOW).subjectId();
        consents.append(
                new ConsentRecord(
                        UUID.randomUUID().toString(),
                        subject,
                        "marketing-email",
                        1,
                        "2026-03-01",
                        "0".repeat(64),
                        ConsentDecision.GRANTED,
                        NOW,
                        ConsentChannel.MANAGE_LINK,
                        Optional.empty()),
                Optional.empty(),
                AuditRecord.success(
                        NOW, UUID.randomUUID().toString(), "t", "RecordConsent", false, CONTEXT, List.of()));

        assertThatThrownBy(() -> crashing.byManageToken(tokens.get(0), CONTEXT)).hasMessage("simulated crash");
        // The key went first: the bookings are still there, but nothing of them can be read.
        assertThatThrownBy(() -> access.withToken(tokens.get(1), NOW)).isInstanceOf(DomainException.class);

        var receipt = erase.byManageToken(tokens.get(1), CONTEXT);

        assertThat(receipt.keyDestroyed()).isTrue();
        assertThat(receipt.cancelledBookings()).isEqualTo(2);
        assertThat(receipt.removed())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ErasedItem.SUBJECT_KEY, 2,
                        ErasedItem.BOOKING, 2,
                        ErasedItem.MANAGE_TOKEN, 2,
                        ErasedItem.IDEMPOTENCY_RECORD, 2,
                        ErasedItem.SLOT_LOCK, 2,
                        // The health-notes grant of the booking form, and the marketing grant above.
                        ErasedItem.CONSENT_RECORD, 2));
        var again = erase.byManageToken(tokens.get(0), CONTEXT);
        assertThat(again.repeated()).isTrue();
        assertThat(again).usingRecursiveComparison().ignoringFields("repeated").isEqualTo(receipt);
        var items = RawTables.scan(dynamoDb, List.of(settings.bookingsTable(), settings.keysTable()));
        assertThat(RawTables.found(items, List.of(email, "Erin Erasure", "555 0100", "xyzzy", "SUBJECT#" + subject)))
                .isEmpty();
        assertThat(consents.history(subject, NOW)).isEmpty();
    }

    private static ErasureStore crashAfterKey(ErasureStore delegate) {
        var calls = new AtomicInteger();
        return (ErasureStore) Proxy.newProxyInstance(
                ErasureStore.class.getClassLoader(), new Class<?>[] {ErasureStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("cancel") && calls.getAndIncrement() == 0) {
                        throw new IllegalStateException("simulated crash");
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static BookingRequest request(String email, int day) {
        var start = NOW.truncatedTo(ChronoUnit.DAYS).plus(day, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
        return new BookingRequest(
                "quarter",
                start.toString().replace("Z", "+00:00"),
                "Erin Erasure",
                email,
                "+1 555 0100",
                "notes xyzzy",
                TestConsents.healthNotesGranted());
    }
}
