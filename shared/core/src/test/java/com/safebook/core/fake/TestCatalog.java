package com.safebook.core.fake;

import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.Service;
import com.safebook.core.catalog.WeeklyHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/** Services for tests: by default open every day 09:00 to 17:00 in Berlin, sharing one resource. */
public final class TestCatalog {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private TestCatalog() {}

    public static Service service(String id, int minutes) {
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        for (var day : DayOfWeek.values()) {
            days.put(day, List.of(new OpeningInterval(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        return new Service(id, "Service " + id, minutes, Optional.empty(), "room-1", ZONE, new WeeklyHours(days));
    }

    /** A service open every day from 00:00 to 23:45 UTC on a resource of its own: many slots. */
    public static Service allDay(String id, int minutes, String resourceId) {
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        for (var day : DayOfWeek.values()) {
            days.put(day, List.of(new OpeningInterval(LocalTime.MIDNIGHT, LocalTime.of(23, 45))));
        }
        return new Service(
                id, "Service " + id, minutes, Optional.empty(), resourceId, ZoneId.of("UTC"), new WeeklyHours(days));
    }
}
