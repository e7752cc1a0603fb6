package com.safebook.local.hostile;

import static com.safebook.local.hostile.HandlersInProcess.Function.STAFF;

import com.safebook.local.hostile.HostileJson.Field;
import com.safebook.local.hostile.HostileRequest.Part;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The staff function's routes under 10,000 generated hostile calls each, through its real handler:
 * never a 5xx, a stack trace or an echo (see {@link ResponseChecks}). A saved service shows what was
 * saved, by design.
 */
class StaffHostileInputTest {
    private static HandlersInProcess handlers;
    private static List<Fixtures.Booked> booked;

    @BeforeContainer
    static void bookFixtures() {
        handlers = HandlersInProcess.get();
        booked = Fixtures.book(handlers, 6);
    }

    @Property
    void getStaffBookings_hostileCall_answersCleanly(@ForAll("getStaffBookings") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(STAFF, request));
    }

    @Property
    void getStaffBooking_hostileCall_answersCleanly(@ForAll("getStaffBooking") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(STAFF, request));
    }

    @Property
    void cancelStaffBooking_hostileCall_answersCleanly(@ForAll("cancelStaffBooking") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(STAFF, request));
    }

    @Property
    void postService_hostileCall_answersCleanly(@ForAll("postService") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(STAFF, request));
    }

    @Property
    void putService_hostileCall_answersCleanly(@ForAll("putService") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(STAFF, request));
    }

    @Provide
    Arbitrary<HostileRequest> getStaffBookings() {
        var days = booked.stream().map(Fixtures.Booked::day).toList();
        return HostileRequests.route("GET", "/staff/bookings")
                .staffClaims(RouteValues.staffAuthorizer())
                .query(
                        "date",
                        BuiltOnce.frequencyOf(Tuple.of(30, Arbitraries.of(days)), Tuple.of(70, RouteValues.dates())))
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> getStaffBooking() {
        return bookingRoute("GET", "/staff/bookings/{bookingId}");
    }

    @Provide
    Arbitrary<HostileRequest> cancelStaffBooking() {
        return bookingRoute("POST", "/staff/bookings/{bookingId}/cancel");
    }

    @Provide
    Arbitrary<HostileRequest> postService() {
        return HostileRequests.route("POST", "/staff/services")
                .staffClaims(RouteValues.staffAuthorizer())
                .jsonBody(service(true))
                .echoedBySuccess(Part.BODY)
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> putService() {
        return HostileRequests.route("PUT", "/staff/services/{serviceId}")
                .pathParameter("serviceId", serviceIds())
                .staffClaims(RouteValues.staffAuthorizer())
                // The valid body names no id, so it takes the path's: one naming another id is refused.
                .jsonBody(service(false))
                .echoedBySuccess(Part.BODY)
                .echoedBySuccess(Part.PATH)
                .build();
    }

    private static Arbitrary<HostileRequest> bookingRoute(String method, String resource) {
        return HostileRequests.route(method, resource)
                .pathParameter(
                        "bookingId",
                        HostileRequests.ids(
                                booked.stream().map(Fixtures.Booked::bookingId).toList()))
                .staffClaims(RouteValues.staffAuthorizer())
                .build();
    }

    private static Arbitrary<String> serviceIds() {
        return BuiltOnce.frequencyOf(
                Tuple.of(40, Arbitraries.of("consultation", "massage", "svc-1", "a")),
                Tuple.of(
                        20,
                        Arbitraries.strings()
                                .withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                                .ofMinLength(1)
                                .ofMaxLength(70)),
                Tuple.of(40, HostileText.text()));
    }

    /**
     * The body of a service: valid (with a hostile name; with or without its own id), or its fields at
     * and past their limits.
     */
    private static Arbitrary<String> service(boolean namesItsId) {
        var valid = Combinators.combine(HostileText.canary(), RouteValues.names(), Arbitraries.of(false, true))
                .as((canary, name, escaped) -> "{" + (namesItsId ? "\"serviceId\":\"svc-" + canary + "\"," : "")
                        + "\"name\":"
                        + HostileJson.quote(name, escaped)
                        + ",\"durationMinutes\":30,\"priceMinor\":4500,\"currency\":\"EUR\",\"resourceId\":\"room-"
                        + canary + "\",\"timeZone\":\"Europe/Berlin\",\"openingHours\":{\"MONDAY\":"
                        + "[{\"opens\":\"09:00\",\"closes\":\"12:00\"}]}}");
        return BuiltOnce.frequencyOf(Tuple.of(25, valid), Tuple.of(75, hostileService()));
    }

    private static Arbitrary<String> hostileService() {
        var times = BuiltOnce.frequencyOf(
                Tuple.of(50, Arbitraries.of("09:00", "12:00", "13:00", "17:00", "00:00", "23:59", "23:45")),
                Tuple.of(
                        20,
                        Arbitraries.of("24:00", "9:00", "09:00:00", "09:00:00.000000001", "25:00", "-01:00", "12:60")),
                Tuple.of(30, HostileText.text()));
        var interval = HostileJson.object(
                List.of(new Field("opens", HostileJson.string(times)), new Field("closes", HostileJson.string(times))));
        var days = BuiltOnce.frequencyOf(
                Tuple.of(70, Arbitraries.of(RouteValues.DAYS)),
                Tuple.of(10, Arbitraries.of("monday", "Mon", "MONDAYS", "1", "")),
                Tuple.of(20, HostileText.text()));
        var numbers = BuiltOnce.frequencyOf(
                Tuple.of(40, Arbitraries.of("15", "30", "45", "60", "90", "480")),
                Tuple.of(
                        30,
                        Arbitraries.of(
                                "0", "-15", "1", "7", "1440", "1441", "2147483647", "2147483648", "1e3", "30.0", "-0")),
                Tuple.of(30, Arbitraries.integers().map(n -> Integer.toString(n))));
        var prices = BuiltOnce.frequencyOf(
                Tuple.of(50, Arbitraries.longs().between(0, 100_000).map(n -> Long.toString(n))),
                Tuple.of(50, Arbitraries.of("-1", "9223372036854775807", "9223372036854775808", "0.5", "1e2")));
        return HostileJson.object(List.of(
                new Field("serviceId", HostileJson.string(serviceIds())),
                new Field("name", HostileJson.string(RouteValues.names())),
                new Field("durationMinutes", numbers),
                new Field("priceMinor", prices),
                new Field(
                        "currency",
                        HostileJson.string(BuiltOnce.frequencyOf(
                                Tuple.of(50, Arbitraries.of("EUR", "USD", "JPY", "XXX", "eur", "EURO", "\u20AC")),
                                Tuple.of(50, HostileText.text())))),
                new Field(
                        "resourceId",
                        HostileJson.string(BuiltOnce.frequencyOf(
                                Tuple.of(50, Arbitraries.of("main", "room-2", "chair")),
                                Tuple.of(50, HostileText.text())))),
                new Field(
                        "timeZone",
                        HostileJson.string(BuiltOnce.frequencyOf(
                                Tuple.of(
                                        40,
                                        Arbitraries.of("Europe/Berlin", "UTC", "America/New_York", "Asia/Kathmandu")),
                                Tuple.of(
                                        20,
                                        Arbitraries.of(
                                                "Z",
                                                "+01:00",
                                                "GMT+14",
                                                "UTC-12:00",
                                                "EST",
                                                "SystemV/AST4",
                                                "Mars/Olympus",
                                                "../Europe/Berlin")),
                                Tuple.of(40, HostileText.text())))),
                new Field("openingHours", HostileJson.map(days, HostileJson.array(interval)))));
    }
}
