package com.safebook.core.booking;

import java.time.Duration;

/**
 * How long each kind of item is kept (from the template's parameters).
 *
 * @param bookingAfterAppointment booking data after the appointment ends
 * @param idempotency idempotency records after the first request
 * @param audit audit records after the event
 */
public record RetentionPolicy(Duration bookingAfterAppointment, Duration idempotency, Duration audit) {
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(90), Duration.ofHours(24), Duration.ofDays(6 * 366));
    }
}
