package com.safebook.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.safebook.aws.http.BookingView;
import com.safebook.core.availability.Slot;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingConfirmation;
import com.safebook.core.catalog.Service;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The JSON shapes of the booking API. Times are ISO-8601 with the service's offset. */
final class Views {
    private Views() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceView(
            String serviceId, String name, int durationMinutes, Long priceMinor, String currency, String timeZone) {}

    record ServicesView(List<ServiceView> services) {}

    record SlotView(String start, String end) {}

    record SlotsView(List<SlotView> slots) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreatedView(
            String bookingId,
            String manageToken,
            String status,
            String serviceId,
            String start,
            String end,
            ConsentsRecordedView consents) {}

    /** The booking form's grants: those in the ledger, and those to grant again with the token. */
    record ConsentsRecordedView(List<String> recorded, List<String> notRecorded) {}

    static ServicesView services(List<Service> services) {
        return new ServicesView(services.stream()
                .map(s -> new ServiceView(
                        s.serviceId(),
                        s.name(),
                        s.durationMinutes(),
                        s.price().map(p -> p.amountMinor()).orElse(null),
                        s.price().map(p -> p.currency()).orElse(null),
                        s.timeZone().getId()))
                .toList());
    }

    static SlotsView slots(List<Slot> slots) {
        return new SlotsView(slots.stream()
                .map(s -> new SlotView(iso(s.start()), iso(s.end())))
                .toList());
    }

    static CreatedView created(BookingConfirmation c) {
        var consents = c.consentsRecorded().isEmpty() && c.consentsNotRecorded().isEmpty()
                ? null
                : new ConsentsRecordedView(c.consentsRecorded(), c.consentsNotRecorded());
        return new CreatedView(
                c.bookingId(),
                c.manageToken(),
                c.status().name(),
                c.serviceId(),
                iso(c.start()),
                iso(c.end()),
                consents);
    }

    static BookingView booking(Booking b) {
        return BookingView.of(b);
    }

    private static String iso(ZonedDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
