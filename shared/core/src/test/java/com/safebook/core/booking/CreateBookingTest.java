package com.safebook.core.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.Service;
import com.safebook.core.catalog.WeeklyHours;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Violation;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.InMemoryBookingRepository;
import com.safebook.core.fake.InMemoryCatalogRepository;
import com.safebook.core.fake.InMemoryConsentLedger;
import com.safebook.core.fake.InMemoryDataSubjects;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.fake.TestCatalog;
import com.safebook.core.fake.TestConsents;
import com.safebook.core.privacy.DataSubject;
import com.safebook.core.security.SecureIds;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateBookingTest {
    private static final String KEY = "6b1f7a3e-2d4c-4e8a-9f00-0123456789ab";
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req-1", "203.0.113.7", "test");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryDataSubjects subjects = new InMemoryDataSubjects();
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
    private final CountingCatalog counting = new CountingCatalog(catalog);
    private final InMemoryBookingRepository bookings =
            new InMemoryBookingRepository(audit, subjects, new InMemoryConsentLedger(audit), catalog);
    private CreateBooking createBooking;

    @BeforeEach
    void setUp() {
        catalog.save(TestCatalog.service("cut", 30));
        catalog.save(TestCatalog.service("colour", 60));
        createBooking = new CreateBooking(
                counting,
                bookings,
                subjects,
                clock,
                new SecureIds(),
                RetentionPolicy.defaults(),
                TestConsents.formConsents(bookings.consentLedger(), clock));
    }

    @Test
    void create_freeSlot_confirmsWithTokenLocksAndAudit() {
        var confirmation = createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);

        assertThat(confirmation.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmation.manageToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(confirmation.end().toInstant()).isEqualTo(Instant.parse("2026-03-03T09:30:00Z"));
        assertThat(bookings.lockCount()).isEqualTo(2);
        // The booking's record, then the health-notes grant's, written in the same transaction.
        assertThat(audit.records())
                .extracting(AuditRecord::eventName)
                .containsExactly("CreateBooking", "RecordConsentDecision");
        assertThat(audit.records().getFirst()).satisfies(r -> {
            assertThat(r.eventName()).isEqualTo("CreateBooking");
            assertThat(r.readOnly()).isFalse();
            assertThat(r.sourceIPAddress()).isEqualTo("203.0.113.0");
            assertThat(r.toString()).doesNotContain("Ada").doesNotContain("ada@example.com");
        });
        var stored = bookings.find(confirmation.bookingId(), clock.instant()).orElseThrow();
        assertThat(stored.manageTokenHash()).isNotEqualTo(confirmation.manageToken());
        assertThat(ManageToken.matches(confirmation.manageToken(), stored.manageTokenHash()))
                .isTrue();
    }

    @Test
    void create_sameKeySameBody_returnsSameBookingAndToken() {
        var first = createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        var again = createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);

        assertThat(again).usingRecursiveComparison().isEqualTo(first);
        assertThat(audit.records())
                .extracting(AuditRecord::eventName)
                .containsExactly("CreateBooking", "RecordConsentDecision");
    }

    @Test
    void create_sameKeyOtherBody_isRefusedAs422() {
        createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);

        assertThatThrownBy(() -> createBooking.create(request("cut", "2026-03-03T11:00:00+01:00", "Ada"), KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                    assertThat(e.code()).isEqualTo("idempotency-key-reused");
                });
    }

    @Test
    void create_sameKeyAfterRetention_isANewRequest() {
        createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        clock.advance(Duration.ofHours(25));

        var later = createBooking.create(request("cut", "2026-03-03T11:00:00+01:00", "Ada"), KEY, CONTEXT);

        assertThat(later.start().toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-03T11:00:00"));
    }

    @Test
    void create_overlappingServiceOnSameResource_isSlotUnavailable() {
        createBooking.create(request("colour", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);

        assertThatThrownBy(() -> createBooking.create(
                        request("cut", "2026-03-03T10:30:00+01:00", "Bob"), "other-key-0000000001", CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("slot-unavailable"));
    }

    @Test
    void create_manyConcurrentRequestsForOneSlot_exactlyOneSucceeds() throws Exception {
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < 50; i++) {
            var key = "concurrent-key-" + String.format("%05d", i);
            tasks.add(() -> {
                try {
                    createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), key, CONTEXT);
                    return true;
                } catch (DomainException e) {
                    return false;
                }
            });
        }
        try (var pool = Executors.newFixedThreadPool(16)) {
            var succeeded = pool.invokeAll(tasks).stream()
                    .filter(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .count();
            assertThat(succeeded).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-03T10:10:00+01:00", "2026-03-03T16:45:00+01:00", "2026-03-03T07:00:00+01:00"})
    void create_startThatIsNotAnOfferedSlot_isInvalid(String start) {
        assertThatThrownBy(() -> createBooking.create(request("cut", start, "Ada"), KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("start", "not-an-offered-slot")));
    }

    @Test
    void create_startInThePast_isInvalid() {
        assertThatThrownBy(() -> createBooking.create(request("cut", "2026-03-01T10:00:00+01:00", "Ada"), KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("start", "in-the-past")));
    }

    @Test
    void create_startAtTheEndsOfTime_isInvalid_notComputed() {
        for (var start : new String[] {
            "+999999999-12-31T10:00:00+01:00",
            "+999999999-12-31T23:59:59-18:00",
            "+10000-01-01T10:00:00+01:00",
            "9999-12-31T23:00:00-18:00"
        }) {
            assertThatThrownBy(() -> createBooking.create(request("cut", start, "Ada"), KEY, CONTEXT))
                    .as(start)
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                            .containsExactly(new Violation("start", "date-out-of-range")));
        }
        assertThat(bookings.lockCount()).isZero();
    }

    @Test
    void create_cardNumberInNotes_isRefusedWithoutEchoingIt() {
        var withCard = new BookingRequest(
                "cut",
                "2026-03-03T10:00:00+01:00",
                "Ada",
                "ada@example.com",
                null,
                "pay with 4111 1111 1111 1111 please");

        assertThatThrownBy(() -> createBooking.create(withCard, KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.violations()).containsExactly(new Violation("notes", "card-number-refused"));
                    assertThat(e.getMessage()).doesNotContain("4111");
                });
        assertThat(bookings.lockCount()).isZero();
    }

    @Test
    void create_everyFieldWrong_reportsAllViolations() {
        var bad = new BookingRequest("", "tomorrow", "", "not-an-email", "12", "x".repeat(2001));

        assertThatThrownBy(() -> createBooking.create(bad, KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder(
                                "serviceId", "start", "customer.name", "customer.email", "customer.phone", "notes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "has space in it 123456", "é-not-ascii-0123456789"})
    void create_badIdempotencyKey_isMalformed(String key) {
        assertThatThrownBy(() -> createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), key, CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_REQUEST));
    }

    @Test
    void create_unknownService_isInvalid() {
        assertThatThrownBy(
                        () -> createBooking.create(request("nope", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("serviceId", "unknown-service")));
    }

    @Test
    void create_samePersonAnyCase_isOneDataSubjectNamedInTheAudit() {
        var first = createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        var again = new BookingRequest("cut", "2026-03-04T10:00:00+01:00", "Ada L.", "  ADA@example.COM ", null, null);
        var second = createBooking.create(again, "key-second-0000000001", CONTEXT);

        var one = bookings.find(first.bookingId(), clock.instant()).orElseThrow();
        var two = bookings.find(second.bookingId(), clock.instant()).orElseThrow();
        assertThat(two.subjectId()).isEqualTo(one.subjectId()).hasSize(26);
        assertThat(subjects.count()).isEqualTo(1);
        assertThat(audit.records())
                .filteredOn(r -> r.eventName().equals("CreateBooking"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.resources()).contains(AuditResource.dataSubject(one.subjectId())));
    }

    @Test
    void create_subjectErasedMeanwhile_retriesWithANewSubject() {
        var first = createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        var erased =
                bookings.find(first.bookingId(), clock.instant()).orElseThrow().subjectId();
        subjects.erase(erased);

        var second = createBooking.create(
                request("cut", "2026-03-04T10:00:00+01:00", "Ada"), "key-second-0000000001", CONTEXT);

        var subject =
                bookings.find(second.bookingId(), clock.instant()).orElseThrow().subjectId();
        assertThat(subject).isNotEqualTo(erased);
    }

    @Test
    void create_subjectCreatedConcurrently_retriesAndJoinsIt() {
        var racing = new InMemoryDataSubjects() {
            private boolean raced;

            @Override
            public synchronized DataSubject identify(String email) {
                var subject = super.identify(email);
                if (!raced) {
                    // Another request stores a subject for the same address between our read and write.
                    raced = true;
                    store(super.identify(email));
                }
                return subject;
            }
        };
        var repository = new InMemoryBookingRepository(audit, racing);
        var create = new CreateBooking(
                catalog,
                repository,
                racing,
                clock,
                new SecureIds(),
                RetentionPolicy.defaults(),
                TestConsents.formConsents(bookings.consentLedger(), clock));

        var confirmation = create.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);

        assertThat(confirmation.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(racing.count()).isEqualTo(1);
    }

    @Test
    void create_secondBookingOfAService_readsTheCatalogueOnce() {
        createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        createBooking.create(request("cut", "2026-03-03T11:00:00+01:00", "Ada"), "key-second-0000000001", CONTEXT);

        assertThat(counting.reads).isEqualTo(1);
        assertThat(bookings.lockCount()).isEqualTo(4);
    }

    @Test
    void create_serviceLengthenedSinceItWasKept_bookingFollowsTheNewLength() {
        createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        catalog.save(TestCatalog.service("cut", 60));

        var second = createBooking.create(
                request("cut", "2026-03-03T11:00:00+01:00", "Ada"), "key-second-0000000001", CONTEXT);

        assertThat(second.end().toInstant()).isEqualTo(Instant.parse("2026-03-03T11:00:00Z"));
        assertThat(bookings.lockCount()).isEqualTo(2 + 4);
        assertThat(counting.reads).isEqualTo(2);
        assertThat(audit.records())
                .filteredOn(r -> r.eventName().equals("CreateBooking"))
                .hasSize(2);
    }

    @Test
    void create_serviceRemovedSinceItWasKept_isUnknownServiceAndWritesNothing() {
        createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        catalog.remove("cut");

        assertThatThrownBy(() -> createBooking.create(
                        request("cut", "2026-03-03T11:00:00+01:00", "Ada"), "key-second-0000000001", CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("serviceId", "unknown-service")));
        assertThat(bookings.lockCount()).isEqualTo(2);
        assertThat(audit.records())
                .filteredOn(r -> r.eventName().equals("CreateBooking"))
                .hasSize(1);
    }

    @Test
    void create_hoursShortenedSinceTheServiceWasKept_newHoursRefuseTheSlot() {
        createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        catalog.save(withHours("cut", 30, LocalTime.of(9, 0), LocalTime.of(12, 0)));

        assertThatThrownBy(() -> createBooking.create(
                        request("cut", "2026-03-03T14:00:00+01:00", "Ada"), "key-second-0000000001", CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("start", "not-an-offered-slot")));
        assertThat(bookings.lockCount()).isEqualTo(2);
    }

    @Test
    void create_hoursExtendedSinceTheServiceWasKept_newHoursOfferTheSlot() {
        createBooking.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT);
        catalog.save(withHours("cut", 30, LocalTime.of(7, 0), LocalTime.of(17, 0)));

        var early = createBooking.create(
                request("cut", "2026-03-03T07:00:00+01:00", "Ada"), "key-second-0000000001", CONTEXT);

        assertThat(early.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(bookings.lockCount()).isEqualTo(4);
        assertThat(counting.reads).isEqualTo(2);
    }

    @Test
    void create_serviceChangedAtEveryAttempt_isBusyAndWritesNothing() {
        var changing = new CountingCatalog(catalog) {
            @Override
            public Optional<Service> service(String serviceId) {
                var read = super.service(serviceId);
                // An administrator saves the service again between every read and the booking's write.
                var kept = TestCatalog.service(serviceId, 30);
                catalog.save(new Service(
                        serviceId,
                        "Renamed " + reads,
                        kept.durationMinutes(),
                        kept.price(),
                        kept.resourceId(),
                        kept.timeZone(),
                        kept.openingHours()));
                return read;
            }
        };
        var create = new CreateBooking(
                changing,
                bookings,
                subjects,
                clock,
                new SecureIds(),
                RetentionPolicy.defaults(),
                TestConsents.formConsents(bookings.consentLedger(), clock));

        assertThatThrownBy(() -> create.create(request("cut", "2026-03-03T10:00:00+01:00", "Ada"), KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.DEPENDENCY_UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("busy");
                });
        assertThat(changing.reads).isEqualTo(3);
        assertThat(bookings.lockCount()).isZero();
        assertThat(audit.records()).isEmpty();
    }

    private static Service withHours(String id, int minutes, LocalTime opens, LocalTime closes) {
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        for (var day : DayOfWeek.values()) {
            days.put(day, List.of(new OpeningInterval(opens, closes)));
        }
        var service = TestCatalog.service(id, minutes);
        return new Service(
                id,
                service.name(),
                minutes,
                service.price(),
                service.resourceId(),
                service.timeZone(),
                new WeeklyHours(days));
    }

    /** The catalogue, counting the reads of single services. */
    private static class CountingCatalog implements CatalogRepository {
        final InMemoryCatalogRepository catalog;
        int reads;

        CountingCatalog(InMemoryCatalogRepository catalog) {
            this.catalog = catalog;
        }

        @Override
        public List<Service> services() {
            return catalog.services();
        }

        @Override
        public Optional<Service> service(String serviceId) {
            reads++;
            return catalog.service(serviceId);
        }

        @Override
        public void save(Service service) {
            catalog.save(service);
        }

        @Override
        public SaveOutcome save(Service service, SaveMode mode, AuditRecord audit) {
            return catalog.save(service, mode, audit);
        }
    }

    static BookingRequest request(String serviceId, String start, String name) {
        return new BookingRequest(
                serviceId,
                start,
                name,
                "ada@EXAMPLE.com",
                "+49 30 1234567",
                "first visit",
                TestConsents.healthNotesGranted());
    }
}
