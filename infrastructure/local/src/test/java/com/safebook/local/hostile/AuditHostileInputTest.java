package com.safebook.local.hostile;

import static com.safebook.local.hostile.HandlersInProcess.Function.AUDIT;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The auditors' routes under 10,000 generated hostile calls each, through the audit function's real
 * handler: never a 5xx, a stack trace or an echo (see {@link ResponseChecks}).
 */
class AuditHostileInputTest {
    private static HandlersInProcess handlers;

    @BeforeContainer
    static void start() {
        handlers = HandlersInProcess.get();
    }

    /**
     * Seals what the calls so far recorded, as the hourly schedule would: a seal reads every record
     * since the last digest again for each digest it cuts, so a backlog of tens of thousands of
     * records would make one generated call take a minute.
     */
    @BeforeProperty
    void sealTheBacklog() {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("seal");
        context.setAuthorizer(
                Map.of("claims", Map.of("sub", RouteValues.STAFF_SUBJECTS.getFirst(), "cognito:groups", "auditor")));
        var sealed = handlers.invoke(
                AUDIT,
                new APIGatewayProxyRequestEvent()
                        .withHttpMethod("POST")
                        .withResource("/staff/audit/digests")
                        .withPath("/staff/audit/digests")
                        .withRequestContext(context));
        if (sealed.response().getStatusCode() != 200) {
            throw new IllegalStateException(
                    "Sealing failed: " + sealed.response().getBody());
        }
    }

    @Property
    void getAudit_hostileCall_answersCleanly(@ForAll("getAudit") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(AUDIT, request));
    }

    @Property
    void postDigests_hostileCall_answersCleanly(@ForAll("postDigests") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(AUDIT, request));
    }

    @Property
    void getDigests_hostileCall_answersCleanly(@ForAll("getDigests") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(AUDIT, request));
    }

    @Property
    void getVerify_hostileCall_answersCleanly(@ForAll("getVerify") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(AUDIT, request));
    }

    @Property
    void getPublicKey_hostileCall_answersCleanly(@ForAll("getPublicKey") HostileRequest request) {
        ResponseChecks.verify(request, handlers.invoke(AUDIT, request));
    }

    @Provide
    Arbitrary<HostileRequest> getAudit() {
        var nextTokens = BuiltOnce.frequencyOf(
                Tuple.of(40, RouteValues.instants().map(at -> Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((at + "#" + at.hashCode()).getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(60, HostileText.text()));
        return HostileRequests.route("GET", "/staff/audit")
                .staffClaims(RouteValues.staffAuthorizer())
                .queries(RouteValues.instantRanges())
                .query("subject", HostileText.text())
                .query(
                        "actor",
                        BuiltOnce.frequencyOf(
                                Tuple.of(50, Arbitraries.of(RouteValues.STAFF_SUBJECTS)),
                                Tuple.of(50, HostileText.text())))
                .query("next", nextTokens)
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> postDigests() {
        return HostileRequests.route("POST", "/staff/audit/digests")
                .staffClaims(RouteValues.staffAuthorizer())
                .build();
    }

    @Provide
    Arbitrary<HostileRequest> getDigests() {
        return rangeRoute("/staff/audit/digests");
    }

    @Provide
    Arbitrary<HostileRequest> getVerify() {
        return rangeRoute("/staff/audit/verify");
    }

    @Provide
    Arbitrary<HostileRequest> getPublicKey() {
        return HostileRequests.route("GET", "/staff/audit/public-key")
                .staffClaims(RouteValues.staffAuthorizer())
                .build();
    }

    private static Arbitrary<HostileRequest> rangeRoute(String resource) {
        return HostileRequests.route("GET", resource)
                .staffClaims(RouteValues.staffAuthorizer())
                .queries(RouteValues.instantRanges())
                .build();
    }
}
