package com.safebook.core.staff;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Use case: staff open one booking with the customer's data; the read is recorded first. */
public final class StaffGetBooking {
    private final BookingRepository bookings;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureIds ids;

    public StaffGetBooking(BookingRepository bookings, AuditTrail audit, Clock clock, SecureIds ids) {
        this.bookings = bookings;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    public Booking get(StaffIdentity staff, String bookingId, RequestContext context) {
        staff.requireAnyOf(StaffRole.STAFF, StaffRole.ADMIN);
        var now = clock.instant();
        var booking = find(bookings, bookingId, now);
        audit.record(AuditRecord.success(
                now,
                ids.uuid(),
                CreateBooking.EVENT_SOURCE,
                "StaffGetBooking",
                true,
                context.as(staff.actor()),
                List.of(AuditResource.booking(booking.bookingId()), AuditResource.dataSubject(booking.subjectId()))));
        return booking;
    }

    static Booking find(BookingRepository bookings, String bookingId, Instant now) {
        return (bookingId == null || bookingId.length() > 64
                        ? Optional.<Booking>empty()
                        : bookings.find(bookingId, now))
                .orElseThrow(
                        () -> new DomainException(ErrorKind.NOT_FOUND, "booking-not-found", "No booking has this id."));
    }
}
