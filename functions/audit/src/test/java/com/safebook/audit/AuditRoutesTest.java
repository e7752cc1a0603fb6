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
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("r1");
        context.setAuthorizer(
                Map.of("claims", Map.of("sub", "u1", "cognito:groups", group + ",staff", "amr", "pwd,mfa")));
        var event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(resource)
                .withQueryStringParameters(Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-03-02T00:00:00Z"))
                .withRequestContext(context);

        var response = endpoint.handle(event, null, routes.routes());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    }
}
