package com.safebook.core.booking;

import java.time.ZonedDateTime;

/** The answer to a booking: the only time the manage token is ever shown. */
public record BookingConfirmation(
        String bookingId,
        String manageToken,
        BookingStatus status,
        String serviceId,
        ZonedDateTime start,
        ZonedDateTime end) {
    @Override
    public String toString() {
        return "BookingConfirmation[" + bookingId + "]";
    }
}
