package com.safebook.aws.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.safebook.core.booking.Booking;
import java.time.format.DateTimeFormatter;

/**
 * A booking with its customer's data, as every API that shows one answers it (the customer's own
 * view, the staff's, the export). Times are ISO-8601 with the service's offset.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingView(
        String bookingId,
        String status,
        String serviceId,
        String start,
        String end,
        CustomerView customer,
        String notes,
        String createdAt,
        String cancelledAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomerView(String name, String email, String phone) {}

    public static BookingView of(Booking b) {
        return new BookingView(
                b.bookingId(),
                b.status().name(),
                b.serviceId(),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(b.localStart()),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(b.localEnd()),
                new CustomerView(
                        b.customer().name(),
                        b.customer().email(),
                        b.customer().phone().orElse(null)),
                b.notes().orElse(null),
                b.createdAt().toString(),
                b.cancelledAt().map(Object::toString).orElse(null));
    }
}
