package com.safebook.core.consent;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.util.List;

/**
 * Use case: a subject's consents, the state of each purpose and the history it comes from; the read
 * is audited, so that an export can say who looked. The caller is the context's actor, which the
 * adapter sets once it has checked the manage token or a staff member's token.
 */
public final class GetConsents {
    private final ConsentLedger ledger;
    private final PurposeCatalog catalog;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureIds ids;

    public GetConsents(ConsentLedger ledger, PurposeCatalog catalog, AuditTrail audit, Clock clock, SecureIds ids) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    public Consents get(String subjectId, RequestContext context) {
        ConsentRecord.requireSubjectId(subjectId);
        var now = clock.instant();
        var history = ledger.history(subjectId, now);
        audit.record(AuditRecord.success(
                now,
                ids.uuid(),
                RecordConsentDecision.EVENT_SOURCE,
                "GetConsents",
                true,
                context,
                List.of(AuditResource.consents(subjectId))));
        return Consents.derive(catalog, history);
    }
}
