package com.safebook.local;

import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.Price;
import com.safebook.core.catalog.Service;
import com.safebook.core.catalog.WeeklyHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/** The services a fresh local stack offers, so that a first booking needs no set-up. */
final class DemoCatalog {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private DemoCatalog() {}

    /** Adds the demo services if the catalogue is empty; returns whether it did. */
    static boolean seedIfEmpty(CatalogRepository catalog) {
        if (!catalog.services().isEmpty()) {
            return false;
        }
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        var weekday = List.of(
                new OpeningInterval(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new OpeningInterval(LocalTime.of(13, 0), LocalTime.of(17, 0)));
        for (var day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            days.put(day, weekday);
        }
        days.put(DayOfWeek.SATURDAY, List.of(new OpeningInterval(LocalTime.of(10, 0), LocalTime.of(14, 0))));
        var hours = new WeeklyHours(days);
        catalog.save(new Service(
                "consultation", "Consultation", 30, Optional.of(new Price(6000, "EUR")), "main", ZONE, hours));
        catalog.save(new Service(
                "follow-up", "Follow-up visit", 15, Optional.of(new Price(3000, "EUR")), "main", ZONE, hours));
        catalog.save(new Service("treatment", "Extended treatment", 60, Optional.empty(), "main", ZONE, hours));
        return true;
    }
}
