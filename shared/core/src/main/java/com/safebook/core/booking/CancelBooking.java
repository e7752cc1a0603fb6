package com.safebook.core.booking;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.RequestContext;
import java.time.Clock;

/**
 * Use case: a customer cancels with the manage token, before the appointment starts. The slot is
 * free again at once. Cancelling twice answers the same.
 */
public final class CancelBooking {
    private final BookingAccess access;
    private final Cancellation cancellation;
    private final Clock clock;

    public CancelBooking(BookingAccess access, Cancellation cancellation, Clock clock) {
        this.access = access;
        this.cancellation = cancellation;
        this.clock = clock;
    }

    public Booking cancel(String bookingId, String manageToken, RequestContext context) {
        var now = clock.instant();
        var booking = access.withToken(bookingId, manageToken, now);
        return cancellation.cancel(booking, now, "CancelBooking", context.as(Actor.customer(booking.subjectId())));
    }
}
