package com.safebook.staff;

import com.safebook.core.catalog.ServiceDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /staff/services} and {@code PUT /staff/services/{serviceId}}; unknown
 * fields are refused by the mapper, and the core validates every value.
 */
record ServiceBody(
        String serviceId,
        String name,
        Integer durationMinutes,
        Long priceMinor,
        String currency,
        String resourceId,
        String timeZone,
        Map<String, List<IntervalBody>> openingHours) {

    record IntervalBody(String opens, String closes) {}

    ServiceDefinition toDefinition() {
        Map<String, List<ServiceDefinition.Interval>> hours = null;
        if (openingHours != null) {
            hours = new LinkedHashMap<>();
            for (var day : openingHours.entrySet()) {
                hours.put(
                        day.getKey(),
                        day.getValue() == null
                                ? null
                                : day.getValue().stream()
                                        .map(i -> i == null
                                                ? null
                                                : new ServiceDefinition.Interval(i.opens(), i.closes()))
                                        .toList());
            }
        }
        return new ServiceDefinition(
                serviceId, name, durationMinutes, priceMinor, currency, resourceId, timeZone, hours);
    }
}
