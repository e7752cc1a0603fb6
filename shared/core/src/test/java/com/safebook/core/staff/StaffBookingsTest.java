package com.safebook.core.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.BookingConfirmation;
import com.safebook.core.booking.BookingRequest;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.Cancellation;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Violation;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.InMemoryBookingRepository;
import com.safebook.core.fake.InMemoryCatalogRepository;
import com.safebook.core.fake.InMemoryDataSubjects;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.fake.TestCatalog;
import com.safebook.core.fake.TestConsents;
import com.safebook.core.security.SecureIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaffBookingsTest {
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req", "203.0.113.9", "ua");
    private static final StaffIdentity DESK = StaffIdentity.of("sub-desk", List.of("staff"), true);
    private static final StaffIdentity ADMIN = StaffIdentity.of("sub-admin", List.of("admin"), true);
    private static final StaffIdentity AUDITOR = StaffIdentity.of("sub-auditor", List.of("auditor"), true);
    private static final StaffIdentity NO_GROUP = StaffIdentity.of("sub-none", List.of(), true);
    private static final StaffIdentity WITHOUT_MFA = StaffIdentity.of("sub-desk", List.of("staff"), false);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryDataSubjects subjects = new InMemoryDataSubjects();
    private final InMemoryBookingRepository bookings = new InMemoryBookingRepository(audit, subjects);
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
    private final SecureIds ids = new SecureIds();
    private final CreateBooking create = new CreateBooking(
            catalog,
            bookings,
            subjects,
            clock,
            ids,
            RetentionPolicy.defaults(),
            TestConsents.formConsents(bookings.consentLedger(), clock));
    private final StaffListBookings list = new StaffListBookings(bookings, audit, clock, ids);
    private final StaffGetBooking get = new StaffGetBooking(bookings, audit, clock, ids);
    private final StaffCancelBooking cancel = new StaffCancelBooking(bookings, new Cancellation(bookings, ids), clock);

    StaffBookingsTest() {
        catalog.save(TestCatalog.service("cut", 30));
    }

    @Test
    void list_staffMember_returnsTheDaysBookingsByStartAndAuditsOneReadNamingEveryone() {
        var late = book("2026-03-04T15:00:00+01:00", "Bea", "bea@example.com", "key-list-00000000001");
        var early = book("2026-03-04T09:00:00+01:00", "Ada", "ada@example.com", "key-list-00000000002");
        book("2026-03-05T09:00:00+01:00", "Cy", "cy@example.com", "key-list-00000000003");

        var day = list.list(DESK, "2026-03-04", CONTEXT);

        assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(day.truncated()).isFalse();
        assertThat(day.bookings()).extracting(b -> b.bookingId()).containsExactly(early.bookingId(), late.bookingId());
        assertThat(day.bookings().getFirst().customer().name()).isEqualTo("Ada");
        var record = audit.records().getLast();
        assertThat(record.eventName()).isEqualTo("StaffListBookings");
        assertThat(record.readOnly()).isTrue();
        assertThat(record.userIdentity().type()).isEqualTo("StaffUser");
        assertThat(record.userIdentity().principalId()).isEqualTo("sub-desk");
        assertThat(record.userIdentity().groups()).containsExactly("staff");
        assertThat(record.userIdentity().mfaAuthenticated()).isTrue();
        assertThat(record.sourceIPAddress()).isEqualTo("203.0.113.0");
        var subjectsShown = day.bookings().stream()
                .map(b -> AuditResource.dataSubject(b.subjectId()))
                .toList();
        assertThat(record.resources())
                .contains(AuditResource.booking(early.bookingId()), AuditResource.booking(late.bookingId()))
                .containsAll(subjectsShown)
                .hasSize(4);
        assertThat(record.toString()).doesNotContain("Ada", "ada@example.com");
    }

    @Test
    void list_emptyDay_returnsNothingAndStillRecordsTheLook() {
        var day = list.list(ADMIN, "2026-03-10", CONTEXT);

        assertThat(day.bookings()).isEmpty();
        assertThat(audit.records().getLast().resources()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-3-4", "2026-02-30", "04.03.2026", "2026-03-04T00:00", "+2026-03-04"})
    void list_invalidDate_isRefusedWithAViolationAndNothingIsRecorded(String date) {
        assertThatThrownBy(() -> list.list(DESK, date, CONTEXT)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
            assertThat(e.violations()).extracting(Violation::field).containsExactly("date");
        });
        assertThat(audit.records()).isEmpty();
    }

    @Test
    void list_moreThanTheDaysLimit_isCutAndSaysSo() {
        // A day open 00:00 to 23:45 has 95 quarter-hour slots per resource; three resources give enough.
        var count = 0;
        for (var resource : List.of("chair-1", "chair-2", "chair-3")) {
            catalog.save(TestCatalog.allDay("q-" + resource, 15, resource));
            for (int slot = 0; slot < 95 && count <= StaffListBookings.MAX_PER_DAY; slot++, count++) {
                var start = Instant.parse("2026-03-04T00:00:00Z").plus(Duration.ofMinutes(15L * slot));
                create.create(
                        new BookingRequest(
                                "q-" + resource, start.toString(), "Person", "p" + count + "@example.com", null, null),
                        "key-many-" + String.format("%012d", count),
                        CONTEXT);
            }
        }

        var day = list.list(DESK, "2026-03-04", CONTEXT);

        assertThat(day.bookings()).hasSize(StaffListBookings.MAX_PER_DAY);
        assertThat(day.truncated()).isTrue();
    }

    @Test
    void get_staffMember_returnsTheCustomersDataAndAuditsTheRead() {
        var booked = book("2026-03-04T09:00:00+01:00", "Ada", "ada@example.com", "key-get-000000000001");

        var booking = get.get(DESK, booked.bookingId(), CONTEXT);

        assertThat(booking.customer().email()).isEqualTo("ada@example.com");
        var record = audit.records().getLast();
        assertThat(record.eventName()).isEqualTo("StaffGetBooking");
        assertThat(record.readOnly()).isTrue();
        assertThat(record.userIdentity().principalId()).isEqualTo("sub-desk");
        assertThat(record.resources())
                .containsExactly(
                        AuditResource.booking(booked.bookingId()), AuditResource.dataSubject(booking.subjectId()));
    }

    @Test
    void get_unknownBooking_isNotFoundAndNothingIsRecorded() {
        assertThatThrownBy(() -> get.get(ADMIN, "no-such-booking", CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(audit.records()).isEmpty();
    }

    @Test
    void cancel_staffMember_freesTheSlotAndRecordsTheWriteByThem() {
        var booked = book("2026-03-04T09:00:00+01:00", "Ada", "ada@example.com", "key-cancel-0000000001");

        var cancelled = cancel.cancel(DESK, booked.bookingId(), CONTEXT);

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(bookings.lockCount()).isZero();
        var record = audit.records().getLast();
        assertThat(record.eventName()).isEqualTo("StaffCancelBooking");
        assertThat(record.readOnly()).isFalse();
        assertThat(record.userIdentity().principalId()).isEqualTo("sub-desk");
        assertThat(cancel.cancel(DESK, booked.bookingId(), CONTEXT).status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(audit.records())
                .extracting(AuditRecord::eventName)
                .containsExactly("CreateBooking", "RecordConsentDecision", "StaffCancelBooking");
    }

    @Test
    void cancel_afterTheStart_isAConflict() {
        var booked = book("2026-03-04T09:00:00+01:00", "Ada", "ada@example.com", "key-cancel-0000000002");
        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> cancel.cancel(ADMIN, booked.bookingId(), CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("booking-started"));
    }

    @Test
    void everyUseCase_auditorNoGroupOrNoMfa_isForbiddenBeforeAnythingIsRead() {
        var booked = book("2026-03-04T09:00:00+01:00", "Ada", "ada@example.com", "key-forbid-0000000001");
        var before = audit.records().size();

        for (var identity : List.of(AUDITOR, NO_GROUP, WITHOUT_MFA)) {
            for (Runnable call : List.<Runnable>of(
                    () -> list.list(identity, "2026-03-04", CONTEXT),
                    () -> get.get(identity, booked.bookingId(), CONTEXT),
                    () -> cancel.cancel(identity, booked.bookingId(), CONTEXT))) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.FORBIDDEN));
            }
        }
        assertThat(audit.records()).hasSize(before);
        assertThat(bookings.lockCount()).isPositive();
    }

    private BookingConfirmation book(String start, String name, String email, String key) {
        return create.create(
                new BookingRequest(
                        "cut", start, name, email, "+49 30 1234567", "notes", TestConsents.healthNotesGranted()),
                key,
                CONTEXT);
    }
}
