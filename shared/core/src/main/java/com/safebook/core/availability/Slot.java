package com.safebook.core.availability;

import java.time.ZonedDateTime;

/** A bookable stretch of time, in the service's time zone. */
public record Slot(ZonedDateTime start, ZonedDateTime end) {}
