package com.safebook.core.availability;

import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.Service;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The slots a service offers, computed from its weekly opening hours in its time zone. Slots start
 * at the opening time and then every {@link Service#GRANULE_MINUTES} minutes while the whole
 * appointment fits before closing. Daylight-saving changes are handled by the time zone rules.
 */
public final class Schedule {
    private static final Duration GRANULE = Duration.ofMinutes(Service.GRANULE_MINUTES);

    private Schedule() {}

    /** Every slot offered on the local dates {@code from} to {@code to}, both included. */
    public static List<Slot> offered(Service service, LocalDate from, LocalDate to) {
        var slots = new ArrayList<Slot>();
        for (var date = from; !date.isAfter(to); date = date.plusDays(1)) {
            for (OpeningInterval interval : service.openingHours().on(date.getDayOfWeek())) {
                var opens = ZonedDateTime.of(date, interval.opens(), service.timeZone());
                var closes = ZonedDateTime.of(date, interval.closes(), service.timeZone());
                for (var start = opens; !start.plus(service.duration()).isAfter(closes); start = start.plus(GRANULE)) {
                    slots.add(new Slot(start, start.plus(service.duration())));
                }
            }
        }
        return slots;
    }

    /** Whether {@code start} is the start of a slot the service offers (ignoring bookings). */
    public static boolean offers(Service service, Instant start) {
        var date = start.atZone(service.timeZone()).toLocalDate();
        return offered(service, date, date).stream()
                .anyMatch(slot -> slot.start().toInstant().equals(start));
    }

    /** The granules a booking of {@code service} at {@code start} occupies on its resource. */
    public static List<Instant> granules(Service service, Instant start) {
        return granules(start, start.plus(service.duration()));
    }

    /** The granules of {@code [start, end)}. */
    public static List<Instant> granules(Instant start, Instant end) {
        var granules = new ArrayList<Instant>();
        for (var t = start; t.isBefore(end); t = t.plus(GRANULE)) {
            granules.add(t);
        }
        return granules;
    }

    /** The offered slots that start after {@code now} and whose granules are all free. */
    public static List<Slot> free(List<Slot> offered, Set<Instant> takenGranules, Instant now) {
        return offered.stream()
                .filter(slot -> slot.start().toInstant().isAfter(now))
                .filter(slot -> isFree(slot, takenGranules))
                .toList();
    }

    private static boolean isFree(Slot slot, Set<Instant> takenGranules) {
        for (var t = slot.start().toInstant(); t.isBefore(slot.end().toInstant()); t = t.plus(GRANULE)) {
            if (takenGranules.contains(t)) {
                return false;
            }
        }
        return true;
    }
}
