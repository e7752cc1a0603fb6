package com.safebook.core.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.error.DomainException;
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
import org.junit.jupiter.api.Test;

class ManageBookingTest {
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req", "", "");

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
    private final GetBooking get = new GetBooking(new BookingAccess(bookings), audit, clock, ids);
    private final CancelBooking cancel =
            new CancelBooking(new BookingAccess(bookings), new Cancellation(bookings, ids), clock);

    ManageBookingTest() {
        catalog.save(TestCatalog.service("cut", 30));
    }

    @Test
    void withTokenAlone_findsTheBookingOfThatToken_andRefusesAnyOtherAlike() {
        var booked = book("key-token-alone-00001");
        var access = new BookingAccess(bookings);

        assertThat(access.withToken(booked.manageToken(), clock.instant()).bookingId())
                .isEqualTo(booked.bookingId());
        for (var wrong : new String[] {null, "", "x".repeat(129), booked.manageToken() + "x", "AAAA"}) {
            assertThatThrownBy(() -> access.withToken(wrong, clock.instant()))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo("booking-not-found"));
        }
    }

    @Test
    void get_rightToken_returnsBookingAndAuditsTheRead() {
        var booked = book("key-get-000000000001");

        var booking = get.get(booked.bookingId(), booked.manageToken(), CONTEXT);

        assertThat(booking.customer().name()).isEqualTo("Ada");
        assertThat(audit.records()).extracting(r -> r.eventName()).containsExactly("CreateBooking", "GetBooking");
        assertThat(audit.records().getLast().readOnly()).isTrue();
    }

    @Test
    void get_wrongMissingOrUnknown_allAnswerTheSameNotFound() {
        var booked = book("key-get-000000000002");

        for (var attempt : new String[][] {
            {booked.bookingId(), booked.manageToken() + "x"},
            {booked.bookingId(), null},
            {"unknown", booked.manageToken()}
        }) {
            assertThatThrownBy(() -> get.get(attempt[0], attempt[1], CONTEXT))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("booking-not-found");
                        assertThat(e.getMessage()).isEqualTo("No booking matches this id and manage token.");
                    });
        }
    }

    @Test
    void cancel_thenRebook_slotIsFreeAgain() {
        var first = book("key-cancel-0000000001");

        var cancelled = cancel.cancel(first.bookingId(), first.manageToken(), CONTEXT);
        var again = cancel.cancel(first.bookingId(), first.manageToken(), CONTEXT);
        var rebooked = book("key-cancel-0000000002");

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(again.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(rebooked.bookingId()).isNotEqualTo(first.bookingId());
        assertThat(bookings.lockCount()).isEqualTo(2);
    }

    @Test
    void cancel_afterTheStart_isConflict() {
        var booked = book("key-cancel-0000000003");
        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> cancel.cancel(booked.bookingId(), booked.manageToken(), CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("booking-started"));
    }

    @Test
    void get_afterRetentionEnds_isNotFound() {
        var booked = book("key-get-000000000003");
        clock.advance(Duration.ofDays(92));

        assertThatThrownBy(() -> get.get(booked.bookingId(), booked.manageToken(), CONTEXT))
                .isInstanceOf(DomainException.class);
    }

    private BookingConfirmation book(String key) {
        return create.create(
                new BookingRequest("cut", "2026-03-03T10:00:00+01:00", "Ada", "ada@example.com", null, null),
                key,
                CONTEXT);
    }
}
