package com.safebook.consent;

import com.safebook.aws.http.ApiRequest;
import com.safebook.aws.http.ApiResponse;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.SubjectAccess;
import com.safebook.core.consent.ConsentChannel;
import com.safebook.core.consent.GetConsents;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.consent.RecordConsentDecision;
import java.time.Clock;
import javax.inject.Inject;

/**
 * Each route maps the request to one use case and its result to the API's JSON. The manage token
 * in {@code Authorization: Bearer} proves who the person is; the use cases see them by pseudonym.
 */
final class ConsentRoutes {
    private final PurposeCatalog purposes;
    private final SubjectAccess access;
    private final GetConsents getConsents;
    private final RecordConsentDecision recordConsent;
    private final Clock clock;

    @Inject
    ConsentRoutes(
            PurposeCatalog purposes,
            SubjectAccess access,
            GetConsents getConsents,
            RecordConsentDecision recordConsent,
            Clock clock) {
        this.purposes = purposes;
        this.access = access;
        this.getConsents = getConsents;
        this.recordConsent = recordConsent;
        this.clock = clock;
    }

    ApiRoutes routes() {
        return ApiRoutes.builder()
                .get("/consent-purposes", request -> ApiResponse.ok(ConsentViews.purposes(purposes.purposes())))
                .get("/consents", request -> {
                    var subjectId = subject(request);
                    return ApiResponse.ok(
                            ConsentViews.consents(getConsents.get(subjectId, asCustomer(request, subjectId))));
                })
                .put("/consents/{purpose}", request -> {
                    var subjectId = subject(request);
                    var body = request.body(ConsentDecisionBody.class);
                    return ApiResponse.ok(ConsentViews.consents(recordConsent.record(
                            subjectId,
                            request.pathParameter("purpose"),
                            body.toRequest(),
                            ConsentChannel.MANAGE_LINK,
                            asCustomer(request, subjectId))));
                })
                .recordedAtEdge("GET", "/consent-purposes")
                .build();
    }

    /** Checked before the body is read: without a valid token, nothing else is answered. */
    private String subject(ApiRequest request) {
        return access.subjectWithToken(request.bearerToken().orElse(null), clock.instant());
    }

    private static RequestContext asCustomer(ApiRequest request, String subjectId) {
        return request.context().as(Actor.customer(subjectId));
    }
}
