package com.safebook.staff;

import com.safebook.aws.http.ApiRequest;
import com.safebook.aws.http.ApiResponse;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.aws.http.StaffClaims;
import com.safebook.core.staff.SaveService;
import com.safebook.core.staff.StaffCancelBooking;
import com.safebook.core.staff.StaffGetBooking;
import com.safebook.core.staff.StaffIdentity;
import com.safebook.core.staff.StaffListBookings;
import com.safebook.core.staff.StaffRole;
import java.util.Map;
import javax.inject.Inject;

/**
 * Each route reads the staff identity from the authorizer's claims, calls one use case (which
 * checks the identity's roles), and maps the result to the API's JSON.
 */
final class StaffRoutes {
    private final StaffListBookings listBookings;
    private final StaffGetBooking getBooking;
    private final StaffCancelBooking cancelBooking;
    private final SaveService saveService;

    @Inject
    StaffRoutes(
            StaffListBookings listBookings,
            StaffGetBooking getBooking,
            StaffCancelBooking cancelBooking,
            SaveService saveService) {
        this.listBookings = listBookings;
        this.getBooking = getBooking;
        this.cancelBooking = cancelBooking;
        this.saveService = saveService;
    }

    ApiRoutes routes() {
        return ApiRoutes.builder()
                .get(
                        "/staff/bookings",
                        request -> ApiResponse.ok(StaffViews.day(listBookings.list(
                                staff(request), request.query("date").orElse(null), request.context()))))
                .get(
                        "/staff/bookings/{bookingId}",
                        request -> ApiResponse.ok(StaffViews.booking(
                                getBooking.get(staff(request), request.pathParameter("bookingId"), request.context()))))
                .post(
                        "/staff/bookings/{bookingId}/cancel",
                        request -> ApiResponse.ok(StaffViews.cancelled(cancelBooking.cancel(
                                staff(request), request.pathParameter("bookingId"), request.context()))))
                .post("/staff/services", request -> {
                    var staff = admin(request);
                    var saved = saveService.create(
                            staff, request.body(ServiceBody.class).toDefinition(), request.context());
                    return ApiResponse.created(
                            StaffViews.service(saved.service()),
                            "/staff/services/" + saved.service().serviceId());
                })
                .put("/staff/services/{serviceId}", request -> {
                    var staff = admin(request);
                    var saved = saveService.replace(
                            staff,
                            request.pathParameter("serviceId"),
                            request.body(ServiceBody.class).toDefinition(),
                            request.context());
                    var view = StaffViews.service(saved.service());
                    return saved.created()
                            ? ApiResponse.created(
                                    view, "/staff/services/" + saved.service().serviceId())
                            : new ApiResponse(200, view, Map.of());
                })
                .build();
    }

    /** Checked before the body is read, so that a refusal is the same whatever was sent. */
    private static StaffIdentity admin(ApiRequest request) {
        var staff = staff(request);
        staff.requireAnyOf(StaffRole.ADMIN);
        return staff;
    }

    private static StaffIdentity staff(ApiRequest request) {
        return StaffClaims.identity(request.authorizerClaims());
    }
}
