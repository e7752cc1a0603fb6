package com.safebook.core.catalog;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a business offers: a named appointment of a fixed length, bookable on the calendar of
 * one resource (a practitioner, a chair, a room) within weekly opening hours in one time zone.
 */
public record Service(
        String serviceId,
        String name,
        int durationMinutes,
        Optional<Price> price,
        String resourceId,
        ZoneId timeZone,
        WeeklyHours openingHours) {

    /** Every booking locks its resource in units of this many minutes; durations are multiples of it. */
    public static final int GRANULE_MINUTES = 15;

    public static final int MAX_DURATION_MINUTES = 8 * 60;

    public Service {
        Objects.requireNonNull(serviceId);
        Objects.requireNonNull(name);
        Objects.requireNonNull(price);
        Objects.requireNonNull(resourceId);
        Objects.requireNonNull(timeZone);
        Objects.requireNonNull(openingHours);
        if (durationMinutes <= 0 || durationMinutes > MAX_DURATION_MINUTES || durationMinutes % GRANULE_MINUTES != 0) {
            throw new IllegalArgumentException("duration must be a positive multiple of " + GRANULE_MINUTES);
        }
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }
}
