package com.safebook.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.safebook.core.consent.ConsentRecord;
import com.safebook.core.consent.ConsentState;
import com.safebook.core.consent.Consents;
import com.safebook.core.consent.Purpose;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the consent API. The history's records carry no subject id: the caller knows
 * who they are, and the pseudonym is an internal link between records.
 */
final class ConsentViews {
    private ConsentViews() {}

    record PurposeView(
            String purpose, String legalBasis, String policyVersion, String policyHash, String description) {}

    record PurposesView(List<PurposeView> purposes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StateView(
            String purpose,
            String legalBasis,
            String description,
            String currentPolicyVersion,
            String currentPolicyHash,
            boolean granted,
            String policyVersion,
            String since,
            boolean renewalNeeded,
            boolean processingAllowed) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecordView(
            String recordId,
            String purpose,
            String decision,
            String policyVersion,
            String policyHash,
            String at,
            String channel,
            String expiresAt) {}

    record ConsentsView(List<StateView> consents, List<RecordView> history) {}

    static PurposesView purposes(List<Purpose> purposes) {
        return new PurposesView(purposes.stream().map(ConsentViews::purpose).toList());
    }

    static ConsentsView consents(Consents consents) {
        return new ConsentsView(
                consents.states().stream().map(ConsentViews::state).toList(),
                consents.history().stream().map(ConsentViews::record).toList());
    }

    private static PurposeView purpose(Purpose p) {
        return new PurposeView(p.id(), p.legalBasis().name(), p.policyVersion(), p.policyHash(), p.description());
    }

    private static StateView state(ConsentState s) {
        var p = s.purpose();
        return new StateView(
                p.id(),
                p.legalBasis().name(),
                p.description(),
                p.policyVersion(),
                p.policyHash(),
                s.granted(),
                s.policyVersion().orElse(null),
                s.since().map(Instant::toString).orElse(null),
                s.renewalNeeded(),
                s.processingAllowed());
    }

    private static RecordView record(ConsentRecord r) {
        return new RecordView(
                r.recordId(),
                r.purposeId(),
                r.decision().name(),
                r.policyVersion(),
                r.policyHash(),
                r.at().toString(),
                r.channel().name(),
                r.expiresAt().map(Instant::toString).orElse(null));
    }
}
