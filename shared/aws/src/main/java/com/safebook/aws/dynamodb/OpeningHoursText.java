package com.safebook.aws.dynamodb;

import com.safebook.core.catalog.OpeningInterval;
import com.safebook.core.catalog.WeeklyHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.stream.Collectors;

/** Weekly hours as one text attribute: {@code MONDAY=09:00-12:00,13:00-17:00;TUESDAY=...}. */
final class OpeningHoursText {
    private OpeningHoursText() {}

    static String write(WeeklyHours hours) {
        var days = new ArrayList<String>();
        for (var day : DayOfWeek.values()) {
            var intervals = hours.on(day);
            if (!intervals.isEmpty()) {
                days.add(day + "="
                        + intervals.stream()
                                .map(i -> i.opens() + "-" + i.closes())
                                .collect(Collectors.joining(",")));
            }
        }
        return String.join(";", days);
    }

    static WeeklyHours read(String text) {
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        if (text != null && !text.isBlank()) {
            for (var day : text.split(";")) {
                var parts = day.split("=", 2);
                var intervals = new ArrayList<OpeningInterval>();
                for (var interval : parts[1].split(",")) {
                    var times = interval.split("-", 2);
                    intervals.add(new OpeningInterval(LocalTime.parse(times[0]), LocalTime.parse(times[1])));
                }
                days.put(DayOfWeek.valueOf(parts[0]), intervals);
            }
        }
        return new WeeklyHours(days);
    }
}
