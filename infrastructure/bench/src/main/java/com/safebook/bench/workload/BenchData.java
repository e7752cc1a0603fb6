package com.safebook.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.safebook.bench.stack.LocalStackApi;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.Service;
import com.safebook.core.catalog.WeeklyHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The data every workload draws on, made before anything is measured: a service of this run's own,
 * bookable every 15 minutes of every day on a resource of its own (so no booking ever meets another's
 * slot, on a fresh or a reused stack), a day with bookings for the staff view, and customers who have
 * booked through the stack's API and hold manage tokens.
 */
public final class BenchData {
    static final ZoneId ZONE = ZoneId.of("Etc/UTC");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SLOT = Duration.ofMinutes(Service.GRANULE_MINUTES);
    /** Slots a day: from 00:00 every 15 minutes while the slot ends by 23:45. */
    private static final int SLOTS_PER_DAY = 95;

    private final LocalStackApi api;
    private final String runId;
    private final String serviceId;
    private final LocalDate staffDay;
    private final String healthNotesVersion;
    private final String remindersVersion;
    private final String marketingVersion;
    private long slotsHandedOut;
    private int peopleMade;

    private BenchData(LocalStackApi api, String runId, LocalDate staffDay) {
        this.api = api;
        this.runId = runId;
        this.serviceId = "bench-" + runId;
        this.staffDay = staffDay;
        this.healthNotesVersion = api.policyVersion("health-notes");
        this.remindersVersion = api.policyVersion("appointment-reminders");
        this.marketingVersion = api.policyVersion("marketing-email");
    }

    /**
     * Adds the run's service to the catalogue and books {@code staffDayBookings} slots of the staff day
     * (the day after tomorrow) by as many customers.
     */
    public static BenchData prepare(LocalStackApi api, CatalogRepository catalog, Clock clock, int staffDayBookings) {
        var runId = HexFormat.of().formatHex(randomBytes(4));
        var data = new BenchData(api, runId, LocalDate.now(clock.withZone(ZONE)).plusDays(2));
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        for (var day : DayOfWeek.values()) {
            days.put(day, List.of(new OpeningInterval(LocalTime.MIDNIGHT, LocalTime.of(23, 45))));
        }
        catalog.save(new Service(
                data.serviceId,
                "Benchmark appointment",
                15,
                Optional.empty(),
                data.serviceId,
                ZONE,
                new WeeklyHours(days)));
        for (int i = 0; i < staffDayBookings; i++) {
            var start = data.staffDay.atStartOfDay(ZONE).toInstant().plus(SLOT.multipliedBy(i));
            api.book(data.bookingBody(start, data.newPerson(), true));
        }
        return data;
    }

    public String serviceId() {
        return serviceId;
    }

    /** The service's resource, whose locks the bookings take. */
    public String resourceId() {
        return serviceId;
    }

    public LocalDate staffDay() {
        return staffDay;
    }

    public String marketingPolicyVersion() {
        return marketingVersion;
    }

    /** The next free slot: every slot from the day after the staff day on, each handed out once. */
    public Instant nextSlot() {
        long n = slotsHandedOut++;
        var day = staffDay.plusDays(1 + n / SLOTS_PER_DAY);
        return day.atStartOfDay(ZONE).toInstant().plus(SLOT.multipliedBy(n % SLOTS_PER_DAY));
    }

    /** A customer no booking has named yet. */
    public Person newPerson() {
        int n = ++peopleMade;
        return new Person(
                "Bench Customer " + n,
                "bench-" + runId + "-" + n + "@example.com",
                String.format("+44 20 7946 %04d", n % 10_000),
                null);
    }

    /** {@code count} customers who each booked once through the stack (with notes and consents). */
    public List<Person> bookedPeople(int count) {
        var people = new ArrayList<Person>(count);
        for (int i = 0; i < count; i++) {
            var person = newPerson();
            var confirmation = api.book(bookingBody(nextSlot(), person, true));
            people.add(person.withManageToken(confirmation.path("manageToken").asText()));
        }
        return people;
    }

    /**
     * The body of {@code POST /bookings}; with {@code notesAndConsents}, the booking form's most
     * complete shape: notes, and the grants that notes need and reminders.
     */
    public ObjectNode bookingBody(Instant start, Person person, boolean notesAndConsents) {
        var body = JSON.createObjectNode()
                .put("serviceId", serviceId)
                .put("start", start.atOffset(ZoneOffset.UTC).toString());
        body.putObject("customer")
                .put("name", person.name())
                .put("email", person.email())
                .put("phone", person.phone());
        if (notesAndConsents) {
            body.put("notes", "First visit; prefers mornings. Mild back pain after a fall.");
            var consents = body.putObject("consents");
            consents.putObject("health-notes").put("granted", true).put("policyVersion", healthNotesVersion);
            consents.putObject("appointment-reminders").put("granted", true).put("policyVersion", remindersVersion);
        }
        return body;
    }

    private static byte[] randomBytes(int n) {
        var bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
