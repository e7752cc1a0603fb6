package com.safebook.local.hostile;

import static com.safebook.local.hostile.HandlersInProcess.Function.BOOKING;

import com.safebook.local.hostile.HostileJson.Field;
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
 * The booking function's routes under 10,000 generated hostile calls each, through its real handler:
 * never a 5xx, a stack trace or an echo (see {@link ResponseChecks}).
 */
class BookingHostileInputTest {
    private static HandlersInProcess handlers;
    private static List<Fixtures.Booked> booked;
    private static List<String> freeSlots;

    @BeforeContainer
    static void bookFixtures() {
        handlers = HandlersInProcess.get();
        freeSlots = Fixtures.freeSlots(handlers, "follow-up");
        booked = Fixtures.book(handlers, 6);
    }

    @Property
    void getServices_hostileCall_answersCleanly(@ForAll("getServices") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(BOOKING, request));
    }

    @Property
    void getAvailability_hostileCall_answersCleanly(@ForAll("getAvailability") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(BOOKING, request));
    }

    @Property
    void postBookings_hostileCall_answersCleanly(@ForAll("postBookings") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(BOOKING, request));
    }

    @Property
    void getBooking_hostileCall_answersCleanly(@ForAll("getBooking") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(BOOKING, request));
    }

    @Property
    void deleteBooking_hostileCall_answersCleanly(@ForAll("deleteBooking") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(BOOKING, request));
    }

    @Provide
    Arbitrary<HostileRequest> getServices() {
        return HostileRequests.route("GET", "/services")
                .query("serviceId", RouteValues.serviceIds())
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> getAvailability() {
        return HostileRequests.route("GET", "/availability")
                .query("serviceId", RouteValues.serviceIds())
                .query("from", RouteValues.dates())
                .query("to", RouteValues.dates())
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> postBookings() {
        var customer = HostileJson.object(List.of(
                new Field("name", HostileJson.string(RouteValues.names())),
                new Field("email", HostileJson.string(RouteValues.emails(List.of()))),
                new Field("phone", HostileJson.string(RouteValues.phones()))));
        var decision = HostileJson.object(List.of(
                new Field("granted", Arbitraries.of("true", "false")),
                new Field("policyVersion", HostileJson.string(RouteValues.policyVersions()))));
        var starts = BuiltOnce.frequencyOf(
                Tuple.of(35, Arbitraries.of(freeSlots)),
                Tuple.of(5, HostileRequests.spoiled(Arbitraries.of(freeSlots))),
                Tuple.of(60, RouteValues.offsetDateTimes()));
        var document = HostileJson.object(List.of(
                new Field("serviceId", HostileJson.string(RouteValues.serviceIds())),
                new Field("start", HostileJson.string(starts)),
                new Field("customer", customer),
                new Field("notes", HostileJson.string()),
                new Field("consents", HostileJson.map(Arbitraries.of(RouteValues.purposes()), decision))));
        return HostileRequests.route("POST", "/bookings")
                .idempotencyKey()
                .jsonBody(BuiltOnce.frequencyOf(Tuple.of(25, validBooking()), Tuple.of(75, document)))
                .build();
    }

    /** A booking the API takes (while the slot is free), its customer's data hostile but valid. */
    private static Arbitrary<String> validBooking() {
        return Combinators.combine(
                        Arbitraries.of(freeSlots),
                        RouteValues.names(),
                        RouteValues.emails(List.of()),
                        Arbitraries.of(false, true))
                .as((start, name, email, escaped) -> "{\"serviceId\":\"follow-up\",\"start\":\"" + start
                        + "\",\"customer\":{\"name\":" + HostileJson.quote(name, escaped) + ",\"email\":"
                        + HostileJson.quote(email, escaped) + "}}");
    }

    @Provide
    Arbitrary<HostileRequest> getBooking() {
        return manageRoute("GET");
    }

    @Provide
    Arbitrary<HostileRequest> deleteBooking() {
        return manageRoute("DELETE");
    }

    private static Arbitrary<HostileRequest> manageRoute(String method) {
        return HostileRequests.route(method, "/bookings/{bookingId}")
                .pathParameter(
                        "bookingId",
                        HostileRequests.ids(
                                booked.stream().map(Fixtures.Booked::bookingId).toList()))
                .manageToken(booked.stream().map(Fixtures.Booked::manageToken).toList())
                .build();
    }
}
