package com.safebook.core.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * An appointment. It holds the customer's personal data and the hash of the manage token (never the
 * token); {@link #toString()} shows neither.
 *
 * @param subjectId the pseudonym of the person who booked (see {@link
 *     com.safebook.core.privacy.DataSubject})
 * @param expiresAt when retention ends and the booking is deleted
 */
public record Booking(
        String bookingId,
        String serviceId,
        String resourceId,
        ZoneId timeZone,
        Instant start,
        Instant end,
        BookingStatus status,
        String subjectId,
        Customer customer,
        Optional<String> notes,
        String manageTokenHash,
        Instant createdAt,
        Optional<Instant> cancelledAt,
        Instant expiresAt) {

    public Booking {
        Objects.requireNonNull(bookingId);
        Objects.requireNonNull(serviceId);
        Objects.requireNonNull(resourceId);
        Objects.requireNonNull(timeZone);
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
        Objects.requireNonNull(status);
        Objects.requireNonNull(subjectId);
        Objects.requireNonNull(customer);
        Objects.requireNonNull(notes);
        Objects.requireNonNull(manageTokenHash);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(cancelledAt);
        Objects.requireNonNull(expiresAt);
    }

    public ZonedDateTime localStart() {
        return start.atZone(timeZone);
    }

    public ZonedDateTime localEnd() {
        return end.atZone(timeZone);
    }

    public Booking cancelled(Instant at) {
        return new Booking(
                bookingId,
                serviceId,
                resourceId,
                timeZone,
                start,
                end,
                BookingStatus.CANCELLED,
                subjectId,
                customer,
                notes,
                manageTokenHash,
                createdAt,
                Optional.of(at),
                expiresAt);
    }

    @Override
    public String toString() {
        return "Booking[" + bookingId + ", " + status + "]";
    }
}
