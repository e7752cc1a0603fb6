package com.safebook.core.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The years a booking calendar covers, 1970 to 9999: dates and instants outside them are refused
 * as {@code date-out-of-range} before any slot is computed, since at the ends of Java's time line a
 * day's slots cannot be (the day after {@code +999999999-12-31} does not exist).
 */
public final class CalendarYears {
    public static final int FIRST = 1970;
    public static final int LAST = 9999;
    public static final String OUT_OF_RANGE = "date-out-of-range";

    private CalendarYears() {}

    public static boolean contains(LocalDate date) {
        return date.getYear() >= FIRST && date.getYear() <= LAST;
    }

    /** Whether {@code instant} falls in the covered years in UTC (a day on either side in any zone). */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(Instant.EPOCH)
                && instant.isBefore(LocalDate.of(LAST + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
