package com.safebook.core.erasure;

import com.safebook.core.booking.BookingStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What erasure needs of a stored booking: its keys and the fields stored in the clear. Nothing in
 * it needs the subject's key, so it can still be read after the key is destroyed.
 *
 * @param idempotencyKeyId the id of the idempotency record the booking was created with, if known
 */
public record SubjectBooking(
        String bookingId,
        String resourceId,
        Instant start,
        Instant end,
        BookingStatus status,
        String manageTokenHash,
        Optional<String> idempotencyKeyId) {
    public SubjectBooking {
        Objects.requireNonNull(bookingId);
        Objects.requireNonNull(resourceId);
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
        Objects.requireNonNull(status);
        Objects.requireNonNull(manageTokenHash);
        Objects.requireNonNull(idempotencyKeyId);
    }
}
