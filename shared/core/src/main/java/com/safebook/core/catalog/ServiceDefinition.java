package com.safebook.core.catalog;

import com.safebook.core.error.Validation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service as an administrator submits it, unchecked. {@link #toService()} checks every field
 * and refuses all violations at once, naming fields and codes, never values.
 *
 * @param openingHours by day of the week ({@code MONDAY} ... {@code SUNDAY}); a day left out is closed
 */
public record ServiceDefinition(
        String serviceId,
        String name,
        Integer durationMinutes,
        Long priceMinor,
        String currency,
        String resourceId,
        String timeZone,
        Map<String, List<Interval>> openingHours) {

    /** Lower-case letters, digits and inner hyphens: safe in keys, URLs and ARNs. */
    static final String ID = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";

    static final int MAX_NAME = 100;
    static final int MAX_INTERVALS_PER_DAY = 8;
    static final long MAX_PRICE_MINOR = 100_000_000L;

    /** One opening interval as {@code HH:mm} texts. */
    public record Interval(String opens, String closes) {}

    public Service toService() {
        var v = new Validation();
        v.require(serviceId != null && serviceId.matches(ID), "serviceId", "invalid-id");
        v.require(
                name != null
                        && !name.isBlank()
                        && name.length() <= MAX_NAME
                        && name.codePoints().noneMatch(Character::isISOControl),
                "name",
                "invalid-name");
        v.require(
                durationMinutes != null
                        && durationMinutes > 0
                        && durationMinutes <= Service.MAX_DURATION_MINUTES
                        && durationMinutes % Service.GRANULE_MINUTES == 0,
                "durationMinutes",
                "invalid-duration");
        v.require((priceMinor == null) == (currency == null), "currency", "price-and-currency-together");
        if (priceMinor != null) {
            v.require(priceMinor >= 0 && priceMinor <= MAX_PRICE_MINOR, "priceMinor", "invalid-price");
            v.require(currency != null && currency.matches("[A-Z]{3}"), "currency", "invalid-currency");
        }
        v.require(resourceId != null && resourceId.matches(ID), "resourceId", "invalid-id");
        var zone = zone(timeZone);
        v.require(zone.isPresent(), "timeZone", "invalid-time-zone");
        var hours = hours(v);
        v.throwIfInvalid();
        return new Service(
                serviceId,
                name.strip(),
                durationMinutes,
                priceMinor == null ? Optional.empty() : Optional.of(new Price(priceMinor, currency)),
                resourceId,
                zone.orElseThrow(),
                hours);
    }

    /** IANA region ids only ({@code Europe/Berlin}): a fixed offset would ignore daylight saving time. */
    private static Optional<ZoneId> zone(String id) {
        if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private WeeklyHours hours(Validation v) {
        var days = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        if (openingHours == null || openingHours.isEmpty()) {
            v.require(false, "openingHours", "required");
            return new WeeklyHours(days);
        }
        openingHours.forEach((dayName, intervals) -> {
            var field = "openingHours." + (dayName != null && dayName.matches("[A-Z]{6,9}") ? dayName : "?");
            var day = day(dayName);
            if (day.isEmpty()) {
                v.require(false, field, "invalid-day");
                return;
            }
            if (intervals == null || intervals.size() > MAX_INTERVALS_PER_DAY) {
                v.require(false, field, "invalid-intervals");
                return;
            }
            var parsed = new ArrayList<OpeningInterval>();
            for (var interval : intervals) {
                var opens = interval == null ? null : time(interval.opens());
                var closes = interval == null ? null : time(interval.closes());
                if (opens == null || closes == null || !opens.isBefore(closes)) {
                    v.require(false, field, "invalid-interval");
                    return;
                }
                parsed.add(new OpeningInterval(opens, closes));
            }
            parsed.sort(Comparator.comparing(OpeningInterval::opens));
            for (int i = 1; i < parsed.size(); i++) {
                if (parsed.get(i).opens().isBefore(parsed.get(i - 1).closes())) {
                    v.require(false, field, "overlapping-intervals");
                    return;
                }
            }
            days.put(day.get(), parsed);
        });
        return new WeeklyHours(days);
    }

    private static Optional<DayOfWeek> day(String name) {
        try {
            return name == null ? Optional.empty() : Optional.of(DayOfWeek.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code HH:mm} on a granule boundary, since bookings lock time in granules. */
    private static LocalTime time(String text) {
        if (text == null || !text.matches("\\d{2}:\\d{2}")) {
            return null;
        }
        try {
            var time = LocalTime.parse(text);
            return time.getMinute() % Service.GRANULE_MINUTES == 0 ? time : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ServiceDefinition[" + serviceId + "]";
    }
}
