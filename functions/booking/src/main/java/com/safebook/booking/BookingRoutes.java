package com.safebook.booking;

import com.safebook.aws.http.ApiRequest;
import com.safebook.aws.http.ApiResponse;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.core.availability.GetAvailability;
import com.safebook.core.booking.CancelBooking;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.GetBooking;
import com.safebook.core.catalog.ListServices;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import javax.inject.Inject;

/** Each route maps the request to one use case and its result to the API's JSON. */
final class BookingRoutes {
    private final ListServices listServices;
    private final GetAvailability getAvailability;
    private final CreateBooking createBooking;
    private final GetBooking getBooking;
    private final CancelBooking cancelBooking;

    @Inject
    BookingRoutes(
            ListServices listServices,
            GetAvailability getAvailability,
            CreateBooking createBooking,
            GetBooking getBooking,
            CancelBooking cancelBooking) {
        this.listServices = listServices;
        this.getAvailability = getAvailability;
        this.createBooking = createBooking;
        this.getBooking = getBooking;
        this.cancelBooking = cancelBooking;
    }

    ApiRoutes routes() {
        return ApiRoutes.builder()
                .get("/services", request -> ApiResponse.ok(Views.services(listServices.list())))
                .get(
                        "/availability",
                        request -> ApiResponse.ok(Views.slots(getAvailability.freeSlots(
                                request.query("serviceId", "service-id-required"),
                                date(request, "from"),
                                date(request, "to")))))
                .post("/bookings", request -> {
                    var body = request.body(CreateBookingBody.class);
                    var confirmation = createBooking.create(
                            body.toRequest(), request.header("Idempotency-Key").orElse(null), request.context());
                    return ApiResponse.created(Views.created(confirmation), "/bookings/" + confirmation.bookingId());
                })
                .get(
                        "/bookings/{bookingId}",
                        request -> ApiResponse.ok(Views.booking(getBooking.get(
                                request.pathParameter("bookingId"),
                                request.bearerToken().orElse(null),
                                request.context()))))
                .delete(
                        "/bookings/{bookingId}",
                        request -> ApiResponse.ok(Views.booking(cancelBooking.cancel(
                                request.pathParameter("bookingId"),
                                request.bearerToken().orElse(null),
                                request.context()))))
                .recordedAtEdge("GET", "/services")
                .recordedAtEdge("GET", "/availability")
                .build();
    }

    private static LocalDate date(ApiRequest request, String name) {
        var value = request.query(name, name + "-required");
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DomainException(
                    ErrorKind.MALFORMED_REQUEST,
                    "invalid-date",
                    "The query parameter '" + name + "' must be a date as YYYY-MM-DD.");
        }
    }
}
