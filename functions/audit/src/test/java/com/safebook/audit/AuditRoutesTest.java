package com.safebook.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.testing.CountingSecurityMetrics;
import com.safebook.core.audit.integrity.SealAuditTrail;
import com.safebook.core.audit.integrity.VerifyAuditRange;
import com.safebook.core.fake.InMemoryAuditSigner;
import com.safebook.core.fake.InMemoryAuditStore;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.security.SecureIds;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRoutesTest {
    private final InMemoryAuditStore store = new InMemoryAuditStore();
    private final InMemoryAuditSigner signer = new InMemoryAuditSigner("key-1");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final AuditRoutes routes = new AuditRoutes(
            store,
            new SealAuditTrail(store, signer, clock),
            new VerifyAuditRange(store, d -> true),
            null,
            new CountingSecurityMetrics());
    private final ApiEndpoint endpoint = new ApiEndpoint(
            SharedModule.objectMapper(),
            new InMemoryAuditTrail(),
            clock,
            new SecureIds(),
            new CountingSecurityMetrics());

    @ParameterizedTest
    @CsvSource({
        "GET,/staff/audit/verify,staff,403",
        "GET,/staff/audit/verify,admin,403",
        "GET,/staff/audit/verify,auditor,200",
        "GET,/staff/audit,admin,403",
        "GET,/staff/audit,auditor,200",
        "POST,/staff/audit/digests,staff,403",
        "POST,/staff/audit/digests,admin,200",
        "POST,/staff/audit/digests,auditor,200",
    })
    void route_byGroup_onlyTheAllowedGroupsPass(String method, String resource, String group, int status) {
        var response = endpoint.handle(
                event(method, resource, group, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"), null, routes.routes());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    }

    /** The trail's keys are hours written yyyy-MM-dd'T'HH: an instant Instant parses but no key can hold is refused. */
    @ParameterizedTest
    @CsvSource({
        "/staff/audit,+1000000000-12-31T21:59:59Z,+1000000000-12-31T23:59:59Z",
        "/staff/audit/digests,+1000000000-12-31T21:59:59Z,+1000000000-12-31T23:59:59Z",
        "/staff/audit/verify,+1000000000-12-31T21:59:59Z,+1000000000-12-31T23:59:59Z",
        "/staff/audit/verify,+10000-01-01T00:00:00Z,+10000-01-01T02:00:00Z",
        "/staff/audit/verify,-1000000000-01-01T00:00:00Z,-1000000000-01-01T03:00:00Z",
        "/staff/audit/digests,1969-12-31T23:00:00Z,1970-01-01T01:00:00Z",
    })
    void route_instantOutsideTheYears1970To9999_isRefusedAsInvalid(String resource, String from, String to) {
        var response = endpoint.handle(event("GET", resource, "auditor", from, to), null, routes.routes());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getBody()).contains("urn:safebook:problem:invalid-instant");
    }

    private static APIGatewayProxyRequestEvent event(
            String method, String resource, String group, String from, String to) {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("r1");
        context.setAuthorizer(
                Map.of("claims", Map.of("sub", "u1", "cognito:groups", group + ",staff", "amr", "pwd,mfa")));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(resource)
                .withQueryStringParameters(Map.of("from", from, "to", to))
                .withRequestContext(context);
    }
}
