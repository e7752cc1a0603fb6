package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import com.safebook.core.booking.BookingRequest;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.Customer;
import com.safebook.core.booking.IdempotencyRecord;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.Price;
import com.safebook.core.catalog.Service;
import com.safebook.core.catalog.ServiceDefinition;
import com.safebook.core.catalog.WeeklyHours;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.Violation;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.fake.TestCatalog;
import com.safebook.core.fake.TestConsents;
import com.safebook.core.privacy.DataSubject;
import com.safebook.core.security.SecureIds;
import com.safebook.core.staff.SaveService;
import com.safebook.core.staff.StaffIdentity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Against DynamoDB Local (or the endpoint the environment names), with the real SDK client. */
class DynamoDbBookingRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static DynamoDbClient dynamoDb;
    private static Settings settings;
    private static DynamoDbBookingRepository repository;
    private static KmsSubjectKeyring keyring;
    private static DynamoDbCatalogRepository catalog;
    /** The service every booking here is checked against, as the catalogue stores it. */
    private static final Service SERVICE = TestCatalog.service("svc", 30);

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
        catalog = store.catalog();
        catalog.save(SERVICE);
    }

    @Test
    void create_serviceChangedSinceItWasRead_isServiceChangedAndWritesNothing() {
        var read = TestCatalog.service("changing", 30);
        catalog.save(read);
        catalog.save(withName(read, "Renamed by an administrator"));
        var booking = booking("room-s", "2026-03-03T09:00:00Z", 30);

        var outcome = repository.create(
                read, booking, subject(booking.bookingId()), granules(booking), idempotency(booking), audit(booking));

        assertThat(outcome).isInstanceOf(CreateOutcome.ServiceChanged.class);
        assertNothingWritten(booking);
    }

    @Test
    void create_serviceRemovedSinceItWasRead_isServiceChangedAndWritesNothing() {
        var read = TestCatalog.service("removed", 30);
        catalog.save(read);
        dynamoDb.deleteItem(r -> r.tableName(settings.bookingsTable())
                .key(Map.of(
                        "pk", AttributeValue.fromS("CATALOG"),
                        "sk", AttributeValue.fromS("SERVICE#removed"))));
        var booking = booking("room-r", "2026-03-03T09:00:00Z", 30);

        var outcome = repository.create(
                read, booking, subject(booking.bookingId()), granules(booking), idempotency(booking), audit(booking));

        assertThat(outcome).isInstanceOf(CreateOutcome.ServiceChanged.class);
        assertNothingWritten(booking);
    }

    @Test
    void create_serviceChangedAndSlotTaken_isServiceChanged() {
        var read = TestCatalog.service("moved", 30);
        catalog.save(read);
        var first = booking("room-m", "2026-03-03T09:00:00Z", 30);
        create(first, granules(first), idempotency(first), audit(first));
        catalog.save(withName(read, "Moved"));
        var second = booking("room-m", "2026-03-03T09:00:00Z", 30);

        var outcome = repository.create(
                read, second, subject(second.bookingId()), granules(second), idempotency(second), audit(second));

        // Checked again against the new service, the booking may lock other time: not a refusal yet.
        assertThat(outcome).isInstanceOf(CreateOutcome.ServiceChanged.class);
    }

    @Test
    void createBooking_administratorChangesTheKeptServiceBetweenBookings_eachBookingFollowsTheStoredService() {
        var saveService = new SaveService(catalog, CLOCK, ids);
        var admin = StaffIdentity.of("sub-admin", List.of("admin"), true);
        var staffContext = new RequestContext(Actor.anonymous(), "req", "198.51.100.4", "test");
        saveService.replace(admin, "kept", definition(30, "09:00", "17:00"), staffContext);
        var create = new CreateBooking(
                catalog,
                repository,
                keyring,
                CLOCK,
                ids,
                RetentionPolicy.defaults(),
                TestConsents.formConsents(new EncryptedStore(dynamoDb, settings, CLOCK).consentLedger(), CLOCK));
        create.create(keptRequest("2026-03-03T10:00:00+01:00"), ids.uuid(), staffContext);

        saveService.replace(admin, "kept", definition(60, "09:00", "12:00"), staffContext);
        var longer = create.create(keptRequest("2026-03-03T11:00:00+01:00"), ids.uuid(), staffContext);
        var afterHours = keptRequest("2026-03-03T14:00:00+01:00");
        var refused = catchThrowable(() -> create.create(afterHours, ids.uuid(), staffContext));
        dynamoDb.deleteItem(r -> r.tableName(settings.bookingsTable())
                .key(Map.of("pk", AttributeValue.fromS("CATALOG"), "sk", AttributeValue.fromS("SERVICE#kept"))));
        var removed =
                catchThrowable(() -> create.create(keptRequest("2026-03-03T09:00:00+01:00"), ids.uuid(), staffContext));

        assertThat(longer.end().toInstant()).isEqualTo(Instant.parse("2026-03-03T11:00:00Z"));
        assertThat(repository.takenGranules(
                        "kept-room", Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-04T00:00:00Z")))
                .hasSize(2 + 4);
        assertThat(refused).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                .containsExactly(new Violation("start", "not-an-offered-slot")));
        assertThat(removed).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                .containsExactly(new Violation("serviceId", "unknown-service")));
    }

    private static ServiceDefinition definition(int minutes, String opens, String closes) {
        return new ServiceDefinition(
                "kept",
                "Kept",
                minutes,
                null,
                null,
                "kept-room",
                "Europe/Berlin",
                Map.of("TUESDAY", List.of(new ServiceDefinition.Interval(opens, closes))));
    }

    private static BookingRequest keptRequest(String start) {
        return new BookingRequest("kept", start, "Ada", "ada@example.com", null, null);
    }

    @Test
    void create_serviceAsReadBackFromTheTable_passesTheCheck() {
        // Price, several intervals a day, closed days: every attribute the check compares.
        var hours = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        hours.put(
                DayOfWeek.TUESDAY,
                List.of(
                        new OpeningInterval(LocalTime.of(13, 0), LocalTime.of(18, 30)),
                        new OpeningInterval(LocalTime.of(8, 0), LocalTime.of(12, 0))));
        hours.put(DayOfWeek.SATURDAY, List.of(new OpeningInterval(LocalTime.of(9, 15), LocalTime.of(11, 45))));
        catalog.save(new Service(
                "priced",
                "Colour, cut & dry",
                90,
                Optional.of(new Price(4_950, "EUR")),
                "chair-9",
                ZoneId.of("America/Argentina/Buenos_Aires"),
                new WeeklyHours(hours)));
        var read = catalog.service("priced").orElseThrow();
        var booking = booking("room-p", "2026-03-03T09:00:00Z", 90);

        var outcome = repository.create(
                read, booking, subject(booking.bookingId()), granules(booking), idempotency(booking), audit(booking));

        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
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

    /** Creates the booking of {@link #SERVICE} with the subject the keyring identified for it. */
    private static CreateOutcome create(
            Booking booking, List<Instant> granules, IdempotencyRecord idempotency, AuditRecord audit) {
        return repository.create(SERVICE, booking, subject(booking.bookingId()), granules, idempotency, audit);
    }

    private void assertNothingWritten(Booking booking) {
        assertThat(repository.find(booking.bookingId(), NOW)).isEmpty();
        assertThat(repository.takenGranules(booking.resourceId(), booking.start(), booking.end()))
                .isEmpty();
        assertThat(dynamoDb.scan(r -> r.tableName(settings.auditTable())).items())
                .noneSatisfy(item -> assertThat(item.get("record").s()).contains(booking.bookingId()));
    }

    private static Service withName(Service s, String name) {
        return new Service(
                s.serviceId(), name, s.durationMinutes(), s.price(), s.resourceId(), s.timeZone(), s.openingHours());
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
