package com.safebook.aws.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.testing.CountingSecurityMetrics;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.security.SecureIds;
import com.safebook.core.staff.StaffRole;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edge records every refusal once, and nothing for a success (the use cases record those). */
class ApiEndpointTest {
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final CountingSecurityMetrics metrics = new CountingSecurityMetrics();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final ApiRoutes routes = ApiRoutes.builder()
            .get("/staff/things", request -> {
                StaffClaims.identity(request.authorizerClaims()).requireAnyOf(StaffRole.ADMIN);
                return ApiResponse.ok(Map.of("ok", true));
            })
            .get("/staff/bookings/{bookingId}", request -> {
                StaffClaims.identity(request.authorizerClaims()).requireAnyOf(StaffRole.STAFF);
                return ApiResponse.ok(Map.of("customer", "shown"));
            })
            .get("/bookings/{bookingId}", request -> {
                throw new DomainException(ErrorKind.NOT_FOUND, "booking-not-found", "No such booking.");
            })
            .post("/bookings", request -> {
                throw new DomainException(
                        ErrorKind.DEPENDENCY_UNAVAILABLE, "dependency-unavailable", "KMS did not answer.");
            })
            .get("/catalogue", request -> ApiResponse.ok(Map.of("services", 3)))
            .recordedAtEdge("GET", "/catalogue")
            .build();

    @Test
    void handle_wrongGroup_writesOneRecordOfTheRefusalWithTheStaffIdentity() {
        var response = endpoint(trail).handle(staffEvent("GET", "/staff/things", "staff"), null, routes);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(trail.records()).singleElement().satisfies(record -> {
            assertThat(record.eventName()).isEqualTo("GET /staff/things");
            assertThat(record.eventSource()).isEqualTo(ApiEndpoint.EVENT_SOURCE);
            assertThat(record.eventTime()).isEqualTo(clock.instant());
            assertThat(record.errorCode()).contains("forbidden");
            assertThat(record.errorMessage()).isPresent();
            assertThat(record.readOnly()).isTrue();
            assertThat(record.requestID()).isEqualTo("req-1");
            assertThat(record.resources()).isEmpty();
            assertThat(record.userIdentity().type()).isEqualTo("StaffUser");
            assertThat(record.userIdentity().principalId()).isEqualTo("user-1");
            assertThat(record.userIdentity().groups()).containsExactly("staff");
        });
    }

    @Test
    void handle_success_writesNothingAtTheEdge() {
        var response = endpoint(trail).handle(staffEvent("GET", "/staff/things", "admin"), null, routes);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(trail.records()).isEmpty();
    }

    @Test
    void handle_notFoundWithoutSignIn_recordsAnAnonymousRefusalWithItsCode() {
        var event = event("GET", "/bookings/{bookingId}").withPath("/bookings/b-123");

        var response = endpoint(trail).handle(event, null, routes);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(trail.records()).singleElement().satisfies(record -> {
            assertThat(record.userIdentity().type()).isEqualTo("Anonymous");
            assertThat(record.errorCode()).contains("booking-not-found");
            assertThat(record.eventName())
                    .isEqualTo("GET /bookings/{bookingId}")
                    .doesNotContain("b-123");
            assertThat(record.sourceIPAddress()).isEqualTo("203.0.113.0");
        });
    }

    @Test
    void handle_unknownRouteOrWrite_isRecordedAsNotReadOnly() {
        var response = endpoint(trail).handle(event("DELETE", "/nowhere"), null, routes);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(trail.records()).singleElement().satisfies(record -> {
            assertThat(record.errorCode()).contains("route-not-found");
            assertThat(record.readOnly()).isFalse();
        });
    }

    @Test
    void handle_dependencyUnavailable_refusedNothingAndRecordsNothing() {
        var response = endpoint(trail).handle(event("POST", "/bookings"), null, routes);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(trail.records()).isEmpty();
    }

    @Test
    void handle_auditTrailFails_stillAnswersTheRefusalAndCountsTheFailure() {
        AuditTrail failing = record -> {
            throw new IllegalStateException("DynamoDB is down");
        };

        var response = endpoint(failing).handle(staffEvent("GET", "/staff/things", "staff"), null, routes);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("urn:safebook:problem:forbidden");
        assertThat(metrics.auditWriteFailures()).isEqualTo(1);
    }

    @Test
    void handle_routeWhoseUseCaseRecordsNothing_isRecordedOnceAtTheEdge() {
        var response = endpoint(trail).handle(event("GET", "/catalogue"), null, routes);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(trail.records()).singleElement().satisfies(record -> {
            assertThat(record.eventName()).isEqualTo("GET /catalogue");
            assertThat(record.errorCode()).isEmpty();
            assertThat(record.readOnly()).isTrue();
            assertThat(record.userIdentity().type()).isEqualTo("Anonymous");
        });
    }

    @Test
    void handle_watchedEvents_areCountedForTheAlarms() {
        endpoint(trail).handle(staffEvent("GET", "/staff/things", "staff"), null, routes);
        endpoint(trail).handle(staffEvent("GET", "/staff/bookings/{bookingId}", "staff"), null, routes);
        endpoint(trail).handle(staffEvent("GET", "/staff/things", "admin"), null, routes);
        endpoint(trail).handle(event("POST", "/bookings"), null, routes);
        endpoint(trail).handle(event("GET", "/bookings/{bookingId}"), null, routes);

        assertThat(metrics.events()).containsExactly("AccessDenied", "StaffPersonalDataReads", "DependencyUnavailable");
    }

    private ApiEndpoint endpoint(AuditTrail audit) {
        return new ApiEndpoint(SharedModule.objectMapper(), audit, clock, new SecureIds(), metrics);
    }

    private static APIGatewayProxyRequestEvent event(String method, String resource) {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("req-1")
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp("203.0.113.7")
                        .withUserAgent("curl/8"));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(resource)
                .withRequestContext(context);
    }

    private static APIGatewayProxyRequestEvent staffEvent(String method, String resource, String group) {
        var event = event(method, resource);
        event.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", "user-1", "cognito:groups", group)));
        return event;
    }
}
