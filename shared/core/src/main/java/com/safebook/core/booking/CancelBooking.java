package com.safebook.core.booking;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.availability.Schedule;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.util.List;

/**
 * Use case: a customer cancels with the manage token, before the appointment starts. The slot is
 * free again at once. Cancelling twice answers the same.
 */
public final class CancelBooking {
    private final BookingAccess access;
    private final BookingRepository bookings;
    private final Clock clock;
    private final SecureIds ids;

    public CancelBooking(BookingAccess access, BookingRepository bookings, Clock clock, SecureIds ids) {
        this.access = access;
        this.bookings = bookings;
        this.clock = clock;
        this.ids = ids;
    }

    public Booking cancel(String bookingId, String manageToken, RequestContext context) {
        var now = clock.instant();
        var booking = access.withToken(bookingId, manageToken, now);
        if (booking.status() == BookingStatus.CANCELLED) {
            return booking;
        }
        if (!booking.start().isAfter(now)) {
            throw new DomainException(
                    ErrorKind.CONFLICT,
                    "booking-started",
                    "An appointment that has started can no longer be cancelled.");
        }
        var cancelled = booking.cancelled(now);
        var audit = AuditRecord.success(
                now,
                ids.uuid(),
                CreateBooking.EVENT_SOURCE,
                "CancelBooking",
                false,
                context.as(Actor.customer(booking.subjectId())),
                List.of(AuditResource.booking(booking.bookingId()), AuditResource.dataSubject(booking.subjectId())));
        return switch (bookings.cancel(cancelled, Schedule.granules(booking.start(), booking.end()), audit)) {
            case CANCELLED -> cancelled;
            case ALREADY_CANCELLED -> bookings.find(bookingId, now).orElseThrow(BookingAccess::notFound);
        };
    }
}
