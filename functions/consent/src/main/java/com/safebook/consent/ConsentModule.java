package com.safebook.consent;

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
}
