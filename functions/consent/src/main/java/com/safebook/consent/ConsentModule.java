package com.safebook.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.dynamodb.DynamoDbPriming;
import com.safebook.aws.http.JsonPriming;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.booking.ManageTokenIndex;
import com.safebook.core.booking.SubjectAccess;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.consent.ConsentRetention;
import com.safebook.core.consent.GetConsents;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.consent.RecordConsentDecision;
import com.safebook.core.security.SecureIds;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Provider;

/** The consent use cases; the domain core knows nothing of Dagger, so they are provided here. */
@Module
final class ConsentModule {
    private ConsentModule() {}

    @Provides
    static SubjectAccess subjectAccess(ManageTokenIndex tokens) {
        return new SubjectAccess(tokens);
    }

    @Provides
    static GetConsents getConsents(
            ConsentLedger ledger, PurposeCatalog purposes, AuditTrail audit, Clock clock, SecureIds ids) {
        return new GetConsents(ledger, purposes, audit, clock, ids);
    }

    @Provides
    static RecordConsentDecision recordConsentDecision(
            ConsentLedger ledger, PurposeCatalog purposes, ConsentRetention retention, Clock clock, SecureIds ids) {
        return new RecordConsentDecision(ledger, purposes, retention, clock, ids);
    }

    /** What this function rehearses alongside init and before its SnapStart snapshot; it holds no key to forget. */
    @Provides
    static SnapStartPriming snapStartPriming(Provider<ObjectMapper> json, Settings settings) {
        return SnapStartPriming.builder()
                .primeAlongsideInit("DynamoDB's request path", () -> DynamoDbPriming.requestPath(settings))
                .prime("DynamoDB", () -> DynamoDbPriming.prime(settings))
                .prime(
                        "JSON",
                        () -> JsonPriming.prime(
                                json.get(),
                                List.of(ConsentDecisionBody.class),
                                List.of(
                                        ConsentViews.PurposesView.class,
                                        ConsentViews.ConsentsView.class,
                                        ConsentViews.StateView.class)))
                .build();
    }
}
