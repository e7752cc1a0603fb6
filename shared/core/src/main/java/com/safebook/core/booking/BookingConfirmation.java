package com.safebook.core.booking;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a booking: the only time the manage token is ever shown.
 *
 * @param consentsRecorded the purposes whose grant on the booking form is now in the ledger
 * @param consentsNotRecorded the purposes whose grant could not be recorded after the booking was
 *     made (see {@link CreateBooking}); the person can grant them again with the manage token
 */
public record BookingConfirmation(
        String bookingId,
        String manageToken,
        BookingStatus status,
        String serviceId,
        ZonedDateTime start,
        ZonedDateTime end,
        List<String> consentsRecorded,
        List<String> consentsNotRecorded) {

    public BookingConfirmation {
        consentsRecorded = List.copyOf(Objects.requireNonNull(consentsRecorded));
        consentsNotRecorded = List.copyOf(Objects.requireNonNull(consentsNotRecorded));
    }

    public BookingConfirmation(
            String bookingId,
            String manageToken,
            BookingStatus status,
            String serviceId,
            ZonedDateTime start,
            ZonedDateTime end) {
        this(bookingId, manageToken, status, serviceId, start, end, List.of(), List.of());
    }

    @Override
    public String toString() {
        return "BookingConfirmation[" + bookingId + "]";
    }
}
