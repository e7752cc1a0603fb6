package com.safebook.core.staff;

import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.Cancellation;
import java.time.Clock;

/**
 * Use case: staff cancel a booking for a customer (who called, say). The same rule as the
 * customer's own cancellation, without the manage token; the audit record names the staff member.
 */
public final class StaffCancelBooking {
    private final BookingRepository bookings;
    private final Cancellation cancellation;
    private final Clock clock;

    public StaffCancelBooking(BookingRepository bookings, Cancellation cancellation, Clock clock) {
        this.bookings = bookings;
        this.cancellation = cancellation;
        this.clock = clock;
    }

    public Booking cancel(StaffIdentity staff, String bookingId, RequestContext context) {
        staff.requireAnyOf(StaffRole.STAFF, StaffRole.ADMIN);
        var now = clock.instant();
        var booking = StaffGetBooking.find(bookings, bookingId, now);
        return cancellation.cancel(booking, now, "StaffCancelBooking", context.as(staff.actor()));
    }
}
