package com.safebook.microbench;

import com.safebook.core.availability.Schedule;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.Customer;
import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.Service;
import com.safebook.core.catalog.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The data the benchmarks work on: a practice open on weekdays 08:00-12:00 and 13:00-18:00 and on
 * Saturday mornings, offering 30-minute follow-ups that may start at any quarter hour, with about half of its opening
 * hours booked (in the benchmarked week 63 of the 185 offered starts stay free). The same on every
 * run: the bookings are drawn from a fixed seed.
 */
public final class Practice {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The Monday of the benchmarked week. */
    public static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    /** "Now" for every benchmark: the Sunday before, so that every slot of the week is in the future. */
    public static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private static final double BOOKED_SHARE = 0.3;
    private static final long SEED = 20260302L;

    private Practice() {}

    public static Service followUp() {
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        var weekday = List.of(interval(8, 0, 12, 0), interval(13, 0, 18, 0));
        for (var day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            days.put(day, weekday);
        }
        days.put(DayOfWeek.SATURDAY, List.of(interval(9, 0, 13, 0)));
        return new Service(
                "follow-up", "Follow-up appointment", 30, Optional.empty(), "room-1", ZONE, new WeeklyHours(days));
    }

    /**
     * The granules locked by the bookings of {@code from} to {@code to}: walking the offered slots in
     * order, each one still wholly free is booked with probability {@value #BOOKED_SHARE}.
     */
    public static Set<Instant> takenGranules(Service service, LocalDate from, LocalDate to) {
        var random = new Random(SEED);
        var taken = new HashSet<Instant>();
        for (var slot : Schedule.offered(service, from, to)) {
            var granules = Schedule.granules(service, slot.start().toInstant());
            if (granules.stream().noneMatch(taken::contains) && random.nextDouble() < BOOKED_SHARE) {
                taken.addAll(granules);
            }
        }
        return taken;
    }

    /** A confirmed booking with every personal field filled in, as the customer's view shows it. */
    public static Booking booking(Service service) {
        var start = MONDAY.atTime(10, 30).atZone(ZONE).toInstant();
        return new Booking(
                "01jq3v9k7m2x8c4t5n6p0r1s2w",
                service.serviceId(),
                service.resourceId(),
                ZONE,
                start,
                start.plus(service.duration()),
                BookingStatus.CONFIRMED,
                "7hx2m4k9q1w3e5r6t8y0a2b4c6",
                new Customer(customerName(), customerEmail(), Optional.of(customerPhone())),
                Optional.of(notes()),
                "rB4m0cXr3pXQ8b2tYxV7dQqk2n9jZl1sW5eH6uF0aGc",
                NOW,
                Optional.empty(),
                start.plus(Duration.ofDays(90)));
    }

    public static String customerName() {
        return "Ada Lovelace";
    }

    public static String customerEmail() {
        return "Ada.Lovelace@example.com";
    }

    public static String customerPhone() {
        return "+44 20 7946 0958";
    }

    public static String notes() {
        return "Left knee still stiff after the second session; stairs are fine, running is not yet. "
                + "Please use the ground-floor room.";
    }

    private static OpeningInterval interval(int opensHour, int opensMinute, int closesHour, int closesMinute) {
        return new OpeningInterval(LocalTime.of(opensHour, opensMinute), LocalTime.of(closesHour, closesMinute));
    }
}
