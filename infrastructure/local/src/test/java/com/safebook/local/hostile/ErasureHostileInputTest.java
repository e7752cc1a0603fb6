package com.safebook.local.hostile;

import static com.safebook.local.hostile.HandlersInProcess.Function.ERASURE;

import com.safebook.local.hostile.HostileJson.Field;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The erasure function's routes under 10,000 generated hostile calls each, through its real handler:
 * never a 5xx, a stack trace or an echo (see {@link ResponseChecks}). Valid tokens and emails erase
 * their fixture people as the calls go on; the later calls meet erased data.
 */
class ErasureHostileInputTest {
    private static HandlersInProcess handlers;
    private static List<Fixtures.Booked> exported;
    private static List<Fixtures.Booked> erasedByToken;
    private static List<Fixtures.Booked> erasedByStaff;

    /** People of their own for each route, so that one route's erasures leave the others' data. */
    @BeforeContainer
    static void bookFixtures() {
        handlers = HandlersInProcess.get();
        var booked = Fixtures.book(handlers, 18);
        exported = booked.subList(0, 6);
        erasedByToken = booked.subList(6, 12);
        erasedByStaff = booked.subList(12, 18);
    }

    @Property
    void getMyData_hostileCall_answersCleanly(@ForAll("getMyData") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(ERASURE, request));
    }

    @Property
    void postErasureRequest_hostileCall_answersCleanly(@ForAll("postErasureRequest") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(ERASURE, request));
    }

    @Property
    void postStaffErasure_hostileCall_answersCleanly(@ForAll("postStaffErasure") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(ERASURE, request));
    }

    @Provide
    Arbitrary<HostileRequest> getMyData() {
        return HostileRequests.route("GET", "/me/data")
                .manageToken(tokens(exported))
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> postErasureRequest() {
        return HostileRequests.route("POST", "/erasure-requests")
                .manageToken(tokens(erasedByToken))
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> postStaffErasure() {
        var emails = erasedByStaff.stream().map(Fixtures.Booked::email).toList();
        return HostileRequests.route("POST", "/staff/erasures")
                .staffClaims(RouteValues.staffAuthorizer())
                .jsonBody(
                        HostileJson.object(List.of(new Field("email", HostileJson.string(RouteValues.emails(emails))))))
                .build();
    }

    private static List<String> tokens(List<Fixtures.Booked> booked) {
        return booked.stream().map(Fixtures.Booked::manageToken).toList();
    }
}
