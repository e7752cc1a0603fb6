package com.safebook.core.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.consent.ConsentChannel;
import com.safebook.core.consent.ConsentDecisionRequest;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.consent.ConsentRecord;
import com.safebook.core.error.DomainException;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreateBookingConsentsTest {
    private static final String KEY = "6b1f7a3e-2d4c-4e8a-9f00-0123456789ab";
    private static final String OTHER_KEY = "7c2e8b4f-3e5d-4f9b-a011-123456789abc";
    private static final String VERSION = "2026-03-01";
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req-1", "203.0.113.7", "test");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryDataSubjects subjects = new InMemoryDataSubjects();
    private final InMemoryConsentLedger ledger = new InMemoryConsentLedger(audit);
    private final InMemoryBookingRepository bookings = new InMemoryBookingRepository(audit, subjects, ledger);
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();

    @BeforeEach
    void setUp() {
        catalog.save(TestCatalog.service("cut", 30));
    }

    @Test
    void create_grants_recordsEachFromTheBookingFormAsTheCustomer() {
        var confirmation = createBooking(ledger)
                .create(
                        request(
                                "knee",
                                Map.of(
                                        "health-notes", grant(VERSION),
                                        "marketing-email", grant(VERSION),
                                        "appointment-reminders", new ConsentDecisionRequest(false, null))),
                        KEY,
                        CONTEXT);

        assertThat(confirmation.consentsRecorded()).containsExactly("marketing-email", "health-notes");
        assertThat(confirmation.consentsNotRecorded()).isEmpty();
        var subjectId = bookings.find(confirmation.bookingId(), clock.instant())
                .orElseThrow()
                .subjectId();
        assertThat(ledger.history(subjectId, clock.instant())).hasSize(2).allSatisfy(r -> assertThat(r.channel())
                .isEqualTo(ConsentChannel.BOOKING_FORM));
        assertThat(audit.records())
                .filteredOn(r -> r.eventName().equals("RecordConsentDecision"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.userIdentity()).isEqualTo(Actor.customer(subjectId)));
    }

    @Test
    void create_notesWithoutHealthConsent_isRefusedAndWritesNothing() {
        assertThatThrownBy(() -> createBooking(ledger).create(request("knee", null), KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("consents.health-notes", "consent-required")));
        assertThat(bookings.lockCount()).isZero();
    }

    @Test
    void create_withoutNotes_needsNoConsent() {
        var confirmation = createBooking(ledger).create(request(null, null), KEY, CONTEXT);

        assertThat(confirmation.consentsRecorded()).isEmpty();
    }

    @Test
    void create_unknownPurposeStaleVersionAndContract_areReportedTogether() {
        var consents = new HashMap<String, ConsentDecisionRequest>();
        consents.put("no-such-purpose", grant(VERSION));
        consents.put("marketing-email", grant("2020-01-01"));
        consents.put("booking", grant(VERSION));
        consents.put("appointment-reminders", null);

        assertThatThrownBy(() -> createBooking(ledger).create(request(null, consents), KEY, CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.violations())
                            .containsExactlyInAnyOrder(
                                    new Violation("consents", "unknown-purpose"),
                                    new Violation("consents.booking", "purpose-needs-no-consent"),
                                    new Violation("consents.appointment-reminders", "not-true-or-false"),
                                    new Violation(
                                            "consents.marketing-email.policyVersion",
                                            "not-the-current-policy-version"));
                    assertThat(e.getMessage()).doesNotContain("no-such-purpose", "2020-01-01");
                });
    }

    @Test
    void create_slotTaken_writesNoGrantEither() {
        createBooking(ledger).create(request(null, null), KEY, CONTEXT);

        assertThatThrownBy(() -> createBooking(ledger)
                        .create(
                                new BookingRequest(
                                        "cut",
                                        "2026-03-03T10:00:00+01:00",
                                        "Grace",
                                        "grace@example.com",
                                        null,
                                        null,
                                        Map.of("marketing-email", grant(VERSION))),
                                OTHER_KEY,
                                CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("slot-unavailable"));
        assertThat(audit.records()).noneMatch(r -> r.eventName().equals("RecordConsentDecision"));
    }

    @Test
    void create_grantAlreadyHeld_isConfirmedAndNotWrittenAgain_theLedgerReadOnlyForTheReturningPerson() {
        var first =
                createBooking(ledger).create(request(null, Map.of("marketing-email", grant(VERSION))), KEY, CONTEXT);

        assertThat(first.consentsRecorded()).containsExactly("marketing-email");
        assertThat(ledger.historyReads())
                .as("a subject this booking creates has no history")
                .isZero();

        var second = createBooking(ledger)
                .create(laterRequest(Map.of("marketing-email", grant(VERSION))), OTHER_KEY, CONTEXT);

        assertThat(ledger.historyReads()).isEqualTo(1);
        assertThat(second.consentsRecorded()).containsExactly("marketing-email");
        var subjectId =
                bookings.find(second.bookingId(), clock.instant()).orElseThrow().subjectId();
        assertThat(ledger.history(subjectId, clock.instant()))
                .as("the grant the person already held needed no second record")
                .hasSize(1);
    }

    @Test
    void create_anotherDecisionLandsAfterTheHistoryWasRead_bookingIsRetriedOnTheNewHistory() {
        // The person has booked before, so the booking reads their history.
        createBooking(ledger).create(laterRequest(null), OTHER_KEY, CONTEXT);
        var racing = new ConsentLedger() {
            private boolean raced;

            @Override
            public AppendOutcome append(ConsentRecord record, Optional<ConsentRecord> superseded, AuditRecord a) {
                return ledger.append(record, superseded, a);
            }

            @Override
            public List<ConsentRecord> history(String subjectId, Instant now) {
                var history = ledger.history(subjectId, now);
                if (!raced) {
                    // The person grants the same purpose on the manage page while the booking is made.
                    raced = true;
                    var known = new DataSubject() {
                        @Override
                        public String subjectId() {
                            return subjectId;
                        }

                        @Override
                        public boolean isNew() {
                            return false;
                        }
                    };
                    TestConsents.formConsents(ledger, clock)
                            .appends(known, Map.of("marketing-email", grant(VERSION)), CONTEXT, now)
                            .forEach(ledger::append);
                }
                return history;
            }

            @Override
            public int deleteAll(String subjectId) {
                return ledger.deleteAll(subjectId);
            }
        };

        var confirmation =
                createBooking(racing).create(request(null, Map.of("marketing-email", grant(VERSION))), KEY, CONTEXT);

        assertThat(confirmation.consentsRecorded()).containsExactly("marketing-email");
        var subjectId = bookings.find(confirmation.bookingId(), clock.instant())
                .orElseThrow()
                .subjectId();
        assertThat(ledger.history(subjectId, clock.instant())).hasSize(1);
        assertThat(bookings.lockCount()).isPositive();
    }

    private CreateBooking createBooking(ConsentLedger consents) {
        return new CreateBooking(
                catalog,
                bookings,
                subjects,
                clock,
                new SecureIds(),
                RetentionPolicy.defaults(),
                TestConsents.formConsents(consents, clock));
    }

    /** The same person, an hour later, under another idempotency key. */
    private static BookingRequest laterRequest(Map<String, ConsentDecisionRequest> consents) {
        return new BookingRequest("cut", "2026-03-03T11:00:00+01:00", "Ada", "ada@example.com", null, null, consents);
    }

    private static BookingRequest request(String notes, Map<String, ConsentDecisionRequest> consents) {
        return new BookingRequest("cut", "2026-03-03T10:00:00+01:00", "Ada", "ada@example.com", null, notes, consents);
    }

    private static ConsentDecisionRequest grant(String version) {
        return new ConsentDecisionRequest(true, version);
    }
}
