package com.safebook.local.hostile;

import static com.safebook.local.hostile.HandlersInProcess.Function.CONSENT;

import com.safebook.local.hostile.HostileJson.Field;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The consent function's routes under 10,000 generated hostile calls each, through its real handler:
 * never a 5xx, a stack trace or an echo (see {@link ResponseChecks}).
 */
class ConsentHostileInputTest {
    private static HandlersInProcess handlers;
    private static List<String> tokens;

    @BeforeContainer
    static void bookFixtures() {
        handlers = HandlersInProcess.get();
        tokens = Fixtures.book(handlers, 4).stream()
                .map(Fixtures.Booked::manageToken)
                .toList();
    }

    @Property
    void getConsentPurposes_hostileCall_answersCleanly(@ForAll("getConsentPurposes") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(CONSENT, request));
    }

    @Property
    void getConsents_hostileCall_answersCleanly(@ForAll("getConsents") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(CONSENT, request));
    }

    @Property
    void putConsent_hostileCall_answersCleanly(@ForAll("putConsent") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(CONSENT, request));
    }

    @Provide
    Arbitrary<HostileRequest> getConsentPurposes() {
        return HostileRequests.route("GET", "/consent-purposes").build();
    }

    @Provide
    Arbitrary<HostileRequest> getConsents() {
        return HostileRequests.route("GET", "/consents").manageToken(tokens).build();
    }

    @Provide
    Arbitrary<HostileRequest> putConsent() {
        var decision = HostileJson.object(List.of(
                new Field("granted", Arbitraries.of("true", "false")),
                new Field("policyVersion", HostileJson.string(RouteValues.policyVersions()))));
        return HostileRequests.route("PUT", "/consents/{purpose}")
                .pathParameter("purpose", HostileRequests.ids(RouteValues.purposes()))
                .manageToken(tokens)
                .jsonBody(decision)
                .build();
    }
}
