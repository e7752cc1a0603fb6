package com.safebook.core.staff;

import com.safebook.core.booking.Booking;
import java.time.LocalDate;
import java.util.List;

/**
 * The bookings of one day, by start time.
 *
 * @param truncated the day has more than {@link StaffListBookings#MAX_PER_DAY} bookings; only the first are here
 */
public record DayBookings(LocalDate date, List<Booking> bookings, boolean truncated) {
    public DayBookings {
        bookings = List.copyOf(bookings);
    }
}
