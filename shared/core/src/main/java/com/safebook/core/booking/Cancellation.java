package com.safebook.core.booking;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.availability.Schedule;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.security.SecureIds;
import java.time.Instant;
import java.util.List;

/**
 * The rule of cancelling, whoever cancels: not once the appointment has started; the slot is free
 * again at once; cancelling twice answers the same. The audit record names who did it.
 */
public final class Cancellation {
    private final BookingRepository bookings;
    private final SecureIds ids;

    public Cancellation(BookingRepository bookings, SecureIds ids) {
        this.bookings = bookings;
        this.ids = ids;
    }

    /** Cancels {@code booking}, recording {@code eventName} for the actor of {@code context}. */
    public Booking cancel(Booking booking, Instant now, String eventName, RequestContext context) {
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
                eventName,
                false,
                context,
                List.of(AuditResource.booking(booking.bookingId()), AuditResource.dataSubject(booking.subjectId())));
        return switch (bookings.cancel(cancelled, Schedule.granules(booking.start(), booking.end()), audit)) {
            case CANCELLED -> cancelled;
            case ALREADY_CANCELLED -> bookings.find(booking.bookingId(), now).orElseThrow(BookingAccess::notFound);
        };
    }
}
