package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingRepository.CancelOutcome;
import com.safebook.core.booking.BookingRepository.CreateOutcome;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.Customer;
import com.safebook.core.booking.IdempotencyRecord;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.privacy.DataSubject;
import com.safebook.core.security.SecureIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Against DynamoDB Local (or the endpoint the environment names), with the real SDK client. */
class DynamoDbBookingRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static DynamoDbClient dynamoDb;
    private static Settings settings;
    private static DynamoDbBookingRepository repository;
    private static KmsSubjectKeyring keyring;
    private static final Map<String, DataSubject> SUBJECTS = new ConcurrentHashMap<>();
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private final SecureIds ids = new SecureIds();

    @BeforeAll
    static void tables() {
        dynamoDb = LocalDynamoDb.client();
        settings = EncryptedStore.settings(LocalDynamoDb.createTables("repo"));
        var store = new EncryptedStore(dynamoDb, settings, CLOCK);
        repository = store.repository();
        keyring = store.keyring();
    }

    @Test
    void create_freeGranules_writesEverythingInOneTransaction() {
        var booking = booking("room-a", "2026-03-03T09:00:00Z", 30);

        var outcome = create(booking, granules(booking), idempotency(booking), audit(booking));

        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        assertThat(repository.find(booking.bookingId(), NOW))
                .get()
                .satisfies(b -> assertThat(b.customer().email()).isEqualTo("ada@example.com"));
        assertThat(repository.takenGranules(
                        "room-a", Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-04T00:00:00Z")))
                .containsExactlyInAnyOrder(
                        Instant.parse("2026-03-03T09:00:00Z"), Instant.parse("2026-03-03T09:15:00Z"));
        assertThat(dynamoDb.scan(r -> r.tableName(settings.auditTable())).items())
                .anySatisfy(item -> assertThat(item.get("record").s()).contains(booking.bookingId()));
    }

    @Test
    void create_overlappingGranule_isSlotTakenAndWritesNothing() {
        var first = booking("room-b", "2026-03-03T10:00:00Z", 60);
        create(first, granules(first), idempotency(first), audit(first));
        var overlapping = booking("room-b", "2026-03-03T10:45:00Z", 30);

        var outcome = create(overlapping, granules(overlapping), idempotency(overlapping), audit(overlapping));

        assertThat(outcome).isInstanceOf(CreateOutcome.SlotTaken.class);
        assertThat(repository.find(overlapping.bookingId(), NOW)).isEmpty();
    }

    @Test
    void create_sameIdempotencyKey_returnsTheFirstRecord() {
        var first = booking("room-c", "2026-03-03T11:00:00Z", 30);
        var record = idempotency(first);
        create(first, granules(first), record, audit(first));
        var retry = booking("room-c", "2026-03-03T11:00:00Z", 30);
        var retryRecord = new IdempotencyRecord(
                record.keyId(),
                "other",
                retry.bookingId(),
                "s",
                retry.start(),
                retry.end(),
                "UTC",
                "sealed",
                NOW.plusSeconds(60));

        var outcome = create(retry, granules(retry), retryRecord, audit(retry));

        assertThat(outcome).isInstanceOfSatisfying(CreateOutcome.DuplicateRequest.class, d -> assertThat(d.existing())
                .usingRecursiveComparison()
                .isEqualTo(record));
    }

    @Test
    void create_sameIdempotencyKeyAfterItExpired_isANewBookingThatReplacesTheRecord() {
        var first = booking("room-g", "2026-03-03T11:00:00Z", 30);
        var expired = new IdempotencyRecord(
                ids.id128(),
                "fp",
                first.bookingId(),
                "svc",
                first.start(),
                first.end(),
                "UTC",
                "sealed",
                NOW.minusSeconds(1));
        create(first, granules(first), expired, audit(first));
        var later = booking("room-g", "2026-03-03T12:00:00Z", 30);
        var fresh = new IdempotencyRecord(
                expired.keyId(),
                "fp2",
                later.bookingId(),
                "svc",
                later.start(),
                later.end(),
                "UTC",
                "sealed",
                NOW.plusSeconds(3600));

        var outcome = create(later, granules(later), fresh, audit(later));

        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        var again = booking("room-g", "2026-03-03T13:00:00Z", 30);
        assertThat(create(again, granules(again), fresh, audit(again)))
                .isInstanceOfSatisfying(
                        CreateOutcome.DuplicateRequest.class,
                        d -> assertThat(d.existing().bookingId()).isEqualTo(later.bookingId()));
    }

    @Test
    void create_fiftyConcurrentRequestsForOneSlot_exactlyOneIsCreated() throws Exception {
        var tasks = new ArrayList<Callable<CreateOutcome>>();
        for (int i = 0; i < 50; i++) {
            tasks.add(() -> {
                var b = booking("room-race", "2026-03-03T12:00:00Z", 30);
                return create(b, granules(b), idempotency(b), audit(b));
            });
        }
        List<Future<CreateOutcome>> outcomes;
        try (var pool = Executors.newFixedThreadPool(25)) {
            outcomes = pool.invokeAll(tasks);
        }
        var created = 0;
        for (var outcome : outcomes) {
            if (outcome.get() instanceof CreateOutcome.Created) {
                created++;
            } else {
                assertThat(outcome.get()).isInstanceOf(CreateOutcome.SlotTaken.class);
            }
        }
        assertThat(created).isEqualTo(1);
    }

    @Test
    void cancel_confirmedBooking_freesItsGranulesOnce() {
        var booking = booking("room-d", "2026-03-03T13:00:00Z", 30);
        create(booking, granules(booking), idempotency(booking), audit(booking));
        var cancelled = booking.cancelled(NOW);

        var first = repository.cancel(cancelled, granules(booking), audit(booking));
        var second = repository.cancel(cancelled, granules(booking), audit(booking));

        assertThat(first).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(second).isEqualTo(CancelOutcome.ALREADY_CANCELLED);
        assertThat(repository.find(booking.bookingId(), NOW))
                .get()
                .extracting(Booking::status)
                .isEqualTo(BookingStatus.CANCELLED);
        assertThat(repository.takenGranules(
                        "room-d", Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-04T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void findByManageToken_knownHash_findsTheBookingAndNothingElse() {
        var booking = booking("room-t", "2026-03-03T15:00:00Z", 30);
        create(booking, granules(booking), idempotency(booking), audit(booking));

        assertThat(repository.findByManageToken(booking.manageTokenHash(), NOW))
                .get()
                .extracting(Booking::bookingId)
                .isEqualTo(booking.bookingId());
        assertThat(repository.findByManageToken("hash-unknown", NOW)).isEmpty();
        assertThat(repository.findByManageToken(booking.manageTokenHash(), booking.expiresAt()))
                .isEmpty();
    }

    @Test
    void find_afterRetention_isEmptyEvenBeforeTtlDeletes() {
        var booking = booking("room-e", "2026-03-03T14:00:00Z", 30);
        create(booking, granules(booking), idempotency(booking), audit(booking));

        assertThat(repository.find(booking.bookingId(), booking.expiresAt().plusSeconds(1)))
                .isEmpty();
    }

    @Test
    void takenGranules_acrossAMonthBoundary_readsBothPartitions() {
        var late = booking("room-f", "2026-03-31T23:45:00Z", 30);
        create(late, granules(late), idempotency(late), audit(late));

        var taken = repository.takenGranules(
                "room-f", Instant.parse("2026-03-31T00:00:00Z"), Instant.parse("2026-04-02T00:00:00Z"));

        assertThat(taken)
                .containsExactlyInAnyOrder(
                        Instant.parse("2026-03-31T23:45:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void onDay_moreThanOneBatch_readsTheLocalDaysBookingsByStartDecryptedAndHonoursTheLimit() {
        // 00:00 to 15:00 in Berlin on 10 March, on two resources: 110 bookings, more than one BatchGetItem.
        var first = Instant.parse("2026-03-09T23:00:00Z");
        var expected = new ArrayList<Booking>();
        for (var resource : List.of("day-1", "day-2")) {
            for (int i = 0; i < (resource.equals("day-1") ? 60 : 50); i++) {
                var booking = booking(
                        resource, first.plus(Duration.ofMinutes(15L * i)).toString(), 15);
                create(booking, granules(booking), idempotency(booking), audit(booking));
                expected.add(booking);
            }
        }
        // 23:45 in Berlin on the 9th: another day there, though the 9th is also its date in UTC.
        var dayBefore = booking("day-1", "2026-03-09T22:45:00Z", 15);
        create(dayBefore, granules(dayBefore), idempotency(dayBefore), audit(dayBefore));

        var day = repository.onDay(LocalDate.of(2026, 3, 10), 500, NOW);
        var limited = repository.onDay(LocalDate.of(2026, 3, 10), 105, NOW);

        assertThat(day).hasSize(110);
        assertThat(day).extracting(Booking::bookingId).doesNotContain(dayBefore.bookingId());
        assertThat(day).extracting(Booking::start).isSorted();
        assertThat(day)
                .extracting(Booking::bookingId)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(Booking::bookingId).toList());
        assertThat(day).allSatisfy(b -> assertThat(b.customer().email()).isEqualTo("ada@example.com"));
        assertThat(limited).hasSize(105);
        assertThat(repository.onDay(LocalDate.of(2026, 3, 10), 500, NOW.plus(Duration.ofDays(200))))
                .as("after retention")
                .isEmpty();
    }

    private Booking booking(String resource, String start, int minutes) {
        var s = Instant.parse(start);
        var id = ids.id128();
        SUBJECTS.put(id, keyring.identify("ada@example.com"));
        return new Booking(
                id,
                "svc",
                resource,
                ZoneId.of("Europe/Berlin"),
                s,
                s.plus(Duration.ofMinutes(minutes)),
                BookingStatus.CONFIRMED,
                subject(id).subjectId(),
                new Customer("Ada", "ada@example.com", Optional.empty()),
                Optional.empty(),
                "hash-" + id,
                NOW,
                Optional.empty(),
                s.plus(Duration.ofDays(90)));
    }

    /** Creates the booking with the subject the keyring identified for it. */
    private static CreateOutcome create(
            Booking booking, List<Instant> granules, IdempotencyRecord idempotency, AuditRecord audit) {
        return repository.create(booking, subject(booking.bookingId()), granules, idempotency, audit);
    }

    private static DataSubject subject(String bookingId) {
        return SUBJECTS.get(bookingId);
    }

    private static List<Instant> granules(Booking booking) {
        var granules = new ArrayList<Instant>();
        for (var t = booking.start(); t.isBefore(booking.end()); t = t.plus(Duration.ofMinutes(15))) {
            granules.add(t);
        }
        return granules;
    }

    private IdempotencyRecord idempotency(Booking booking) {
        return new IdempotencyRecord(
                ids.id128(),
                "fp",
                booking.bookingId(),
                booking.serviceId(),
                booking.start(),
                booking.end(),
                "Europe/Berlin",
                "sealed",
                NOW.plus(Duration.ofHours(24)));
    }

    private AuditRecord audit(Booking booking) {
        return AuditRecord.success(
                NOW,
                ids.uuid(),
                "bookings.safebook",
                "CreateBooking",
                false,
                new RequestContext(Actor.anonymous(), "req", "198.51.100.4", "test"),
                List.of(AuditResource.booking(booking.bookingId())));
    }
}
