package com.safebook.staff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.safebook.aws.http.BookingView;
import com.safebook.core.booking.Booking;
import com.safebook.core.catalog.Price;
import com.safebook.core.catalog.Service;
import com.safebook.core.staff.DayBookings;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the staff API. Times are ISO-8601 with the service's offset. */
final class StaffViews {
    private StaffViews() {}

    record DayView(String date, List<BookingView> bookings, boolean truncated) {}

    /** What a cancellation answers: no personal data, so that the answer itself needs no read record. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CancelledView(
            String bookingId, String status, String serviceId, String start, String end, String cancelledAt) {}

    record IntervalView(String opens, String closes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceView(
            String serviceId,
            String name,
            int durationMinutes,
            Long priceMinor,
            String currency,
            String resourceId,
            String timeZone,
            Map<String, List<IntervalView>> openingHours) {}

    static DayView day(DayBookings day) {
        return new DayView(
                day.date().toString(),
                day.bookings().stream().map(StaffViews::booking).toList(),
                day.truncated());
    }

    static BookingView booking(Booking b) {
        return BookingView.of(b);
    }

    static CancelledView cancelled(Booking b) {
        return new CancelledView(
                b.bookingId(),
                b.status().name(),
                b.serviceId(),
                iso(b.localStart()),
                iso(b.localEnd()),
                b.cancelledAt().map(Object::toString).orElse(null));
    }

    static ServiceView service(Service s) {
        var hours = new LinkedHashMap<String, List<IntervalView>>();
        s.openingHours().days().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .filter(e -> !e.getValue().isEmpty())
                .forEach(e -> hours.put(
                        e.getKey().name(),
                        e.getValue().stream()
                                .map(i -> new IntervalView(
                                        i.opens().toString(), i.closes().toString()))
                                .toList()));
        return new ServiceView(
                s.serviceId(),
                s.name(),
                s.durationMinutes(),
                s.price().map(Price::amountMinor).orElse(null),
                s.price().map(Price::currency).orElse(null),
                s.resourceId(),
                s.timeZone().getId(),
                hours);
    }

    private static String iso(ZonedDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
