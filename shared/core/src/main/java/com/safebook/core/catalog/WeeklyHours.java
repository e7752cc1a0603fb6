package com.safebook.core.catalog;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Opening intervals per day of the week; a day without intervals is closed. */
public record WeeklyHours(Map<DayOfWeek, List<OpeningInterval>> days) {
    public WeeklyHours {
        var copy = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        days.forEach((day, intervals) -> copy.put(day, List.copyOf(intervals)));
        days = Map.copyOf(copy);
    }

    public List<OpeningInterval> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }
}
