package com.safebook.aws.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.SecurityMetrics;
import com.safebook.aws.events.ApiGatewayProxyJson;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.security.SecureIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The edge every handler shares: structured logging for the invocation, the request view, and
 * the mapping of results and errors to responses. Domain refusals become problem documents with
 * their own status, and each leaves one audit record; a dependency that fails becomes 503;
 * anything else becomes a 500 that says nothing of its cause. Logs carry the route, status and time, never bodies, tokens or messages.
 */
@Singleton
public final class ApiEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ApiEndpoint.class);
    private static final Set<String> READ_ONLY_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    /** The source of the records this edge writes: refusals, whichever function refused. */
    public static final String EVENT_SOURCE = "api.safebook";

    private final ObjectMapper json;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureIds ids;
    private final SecurityMetrics metrics;
    private final Optional<String> siteOrigin;

    @Inject
    public ApiEndpoint(ObjectMapper json, AuditTrail audit, Clock clock, SecureIds ids, SecurityMetrics metrics) {
        this(json, audit, clock, ids, metrics, Settings.siteOrigin());
    }

    /**
     * @param siteOrigin the booking site's origin: with a Lambda proxy integration, API Gateway's CORS
     *     configuration answers only the preflight, so every answer names the origin itself
     */
    public ApiEndpoint(
            ObjectMapper json,
            AuditTrail audit,
            Clock clock,
            SecureIds ids,
            SecurityMetrics metrics,
            Optional<String> siteOrigin) {
        this.json = json;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.metrics = metrics;
        this.siteOrigin = siteOrigin;
    }

    /**
     * A stream handler's invocation: the event read from API Gateway's JSON and the answer written in
     * it by {@link ApiGatewayProxyJson}, with none of the runtime's own serialization.
     */
    public void handle(InputStream input, OutputStream output, Context context, ApiRoutes routes) throws IOException {
        ApiGatewayProxyJson.writeResponse(handle(ApiGatewayProxyJson.readRequest(input), context, routes), output);
    }

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context, ApiRoutes routes) {
        return PowertoolsLogging.withLogging(context, () -> respond(new ApiRequest(event, json), routes));
    }

    private APIGatewayProxyResponseEvent respond(ApiRequest request, ApiRoutes routes) {
        long started = System.nanoTime();
        APIGatewayProxyResponseEvent response;
        String errorCode = null;
        try {
            response = toEvent(routes.dispatch(request));
            if (routes.recordsAtEdge(request)) {
                recordAtEdge(request, Optional.empty());
            }
            if (isStaffReadOfPersonalData(request, response)) {
                metrics.staffReadPersonalData();
            }
        } catch (DomainException e) {
            errorCode = e.code();
            response = problem(request, e.kind(), e.code(), e.getMessage(), e.violations());
            recordRefusal(request, e);
            if (e.kind() == ErrorKind.FORBIDDEN || e.kind() == ErrorKind.UNAUTHENTICATED) {
                metrics.accessRefused(e.kind() == ErrorKind.FORBIDDEN);
            } else if (e.kind() == ErrorKind.DEPENDENCY_UNAVAILABLE) {
                metrics.dependencyUnavailable();
            }
        } catch (SdkException e) {
            metrics.dependencyUnavailable();
            errorCode = "dependency-unavailable";
            LOG.warn("A dependency failed: {}", FailureDescription.of(e));
            response = problem(
                    request,
                    ErrorKind.DEPENDENCY_UNAVAILABLE,
                    "dependency-unavailable",
                    "A service SafeBook depends on did not answer; please try again shortly.",
                    List.of());
        } catch (RuntimeException e) {
            errorCode = "internal-error";
            LOG.error("Unhandled failure: {}", FailureDescription.of(e));
            response = new APIGatewayProxyResponseEvent()
                    .withStatusCode(500)
                    .withHeaders(headers("application/problem+json", Map.of()))
                    .withBody(write(new Problem(
                            Problem.TYPE_PREFIX + "internal-error",
                            "Internal error",
                            500,
                            "Something went wrong on our side; it has been logged.",
                            request.requestId(),
                            List.of())));
        }
        LOG.info(
                "{} {} -> {} in {} ms{}",
                request.method(),
                request.resource(),
                response.getStatusCode(),
                (System.nanoTime() - started) / 1_000_000,
                errorCode == null ? "" : " (" + errorCode + ")");
        return response;
    }

    /**
     * A use case records what it did when it succeeds; a refusal leaves the use case by its
     * exception, so it is recorded here, once, whichever function and route refused. A dependency
     * that failed (503) refused nothing, and the trail is likely down with it. If the record cannot
     * be written the caller still gets the refusal: a 5xx would tell them less and change nothing.
     */
    private void recordRefusal(ApiRequest request, DomainException refusal) {
        if (refusal.kind() != ErrorKind.DEPENDENCY_UNAVAILABLE) {
            recordAtEdge(request, Optional.of(refusal));
        }
    }

    /**
     * One record of this call, written at the edge: a refusal's, or a success whose use case records
     * nothing. A record that cannot be written is logged and counted; the caller's answer stands.
     */
    private void recordAtEdge(ApiRequest request, Optional<DomainException> refusal) {
        try {
            var record = AuditRecord.success(
                    clock.instant(),
                    ids.uuid(),
                    EVENT_SOURCE,
                    request.method() + " " + request.resource(),
                    READ_ONLY_METHODS.contains(request.method()),
                    request.context().as(caller(request)),
                    List.of());
            audit.record(
                    refusal.map(r -> record.withError(r.code(), r.getMessage())).orElse(record));
        } catch (RuntimeException e) {
            LOG.error("The audit record of a call could not be written: {}", FailureDescription.of(e));
            metrics.auditWriteFailed();
        }
    }

    /**
     * A successful read by a staff member of a route that shows bookings: what the unusual-volume
     * alarm counts (the audit routes show no personal data).
     */
    private static boolean isStaffReadOfPersonalData(ApiRequest request, APIGatewayProxyResponseEvent response) {
        return response.getStatusCode() == 200
                && "GET".equals(request.method())
                && request.resource().startsWith("/staff/bookings")
                && !request.authorizerClaims().isEmpty();
    }

    /** The staff member when the authorizer passed a usable identity; otherwise nobody known. */
    private static Actor caller(ApiRequest request) {
        var claims = request.authorizerClaims();
        if (claims.isEmpty()) {
            return Actor.anonymous();
        }
        try {
            return StaffClaims.identity(claims).actor();
        } catch (DomainException unusable) {
            return Actor.anonymous();
        }
    }

    private APIGatewayProxyResponseEvent toEvent(ApiResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(headers("application/json", response.headers()))
                .withBody(response.body() == null ? null : write(response.body()));
    }

    private APIGatewayProxyResponseEvent problem(
            ApiRequest request,
            ErrorKind kind,
            String code,
            String detail,
            List<com.safebook.core.error.Violation> violations) {
        var status = Problem.status(kind);
        var extra = kind == ErrorKind.DEPENDENCY_UNAVAILABLE || kind == ErrorKind.THROTTLED
                ? Map.of("Retry-After", "1")
                : Map.<String, String>of();
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(headers("application/problem+json", extra))
                .withBody(write(new Problem(
                        Problem.TYPE_PREFIX + code,
                        Problem.title(kind),
                        status,
                        detail,
                        request.requestId(),
                        violations.isEmpty() ? null : violations)));
    }

    private Map<String, String> headers(String contentType, Map<String, String> extra) {
        var headers = new HashMap<>(SECURITY_HEADERS);
        headers.put("Content-Type", contentType);
        siteOrigin.ifPresent(origin -> {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Vary", "Origin");
        });
        headers.putAll(extra);
        return headers;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A response could not be written as JSON", e);
        }
    }
}
