package com.safebook.core.catalog;

import java.time.LocalTime;
import java.util.Objects;

/** One stretch of a day in which a service is offered, in the service's local time. */
public record OpeningInterval(LocalTime opens, LocalTime closes) {
    public OpeningInterval {
        Objects.requireNonNull(opens);
        Objects.requireNonNull(closes);
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("an interval must open before it closes");
        }
    }
}
