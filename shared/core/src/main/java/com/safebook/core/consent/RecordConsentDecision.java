package com.safebook.core.consent;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Validation;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Use case: a person grants or withdraws their consent to one purpose, with PUT semantics; the
 * answer is the state and the history, as {@link GetConsents} gives them.
 *
 * <ul>
 *   <li>An unknown purpose is {@code NOT_FOUND}: it is the resource the path names. A purpose that
 *       rests on another legal basis, such as the booking itself, is {@code INVALID}: there is
 *       nothing to grant or withdraw.
 *   <li>A decision that lets processing go on (granting a consent, withdrawing an opt-out) must
 *       name the policy version in force, because the person agrees to the text they were shown;
 *       any other is {@code INVALID} ({@code policyVersion: not-the-current-policy-version}).
 *   <li>A decision that protects the person (withdrawing a consent, opting out) is accepted
 *       whatever version they were shown, or none, so that withdrawing is never harder than
 *       granting. Like every record, it is recorded under the policy in force.
 *   <li>A decision that changes nothing (the same grant to the same policy again, a withdrawal with
 *       nothing granted, a second opt-out) is accepted and not recorded, so the ledger holds only
 *       changes; the answer is the same as the first time, and no audit record is written, as for
 *       cancelling a booking twice.
 *   <li>If another decision on the purpose lands between reading the history and appending, the
 *       decision is taken again on the new history, a few times, and then refused as a conflict.
 * </ul>
 *
 * The caller is the context's actor, which the adapter sets once it has checked the manage token
 * (a customer, by pseudonym) or a staff member's token.
 */
public final class RecordConsentDecision {
    public static final String EVENT_SOURCE = "consents.safebook";
    private static final int ATTEMPTS = 3;

    private final ConsentLedger ledger;
    private final PurposeCatalog catalog;
    private final ConsentRetention retention;
    private final Clock clock;
    private final SecureIds ids;

    public RecordConsentDecision(
            ConsentLedger ledger, PurposeCatalog catalog, ConsentRetention retention, Clock clock, SecureIds ids) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.retention = retention;
        this.clock = clock;
        this.ids = ids;
    }

    public Consents record(
            String subjectId,
            String purposeId,
            ConsentDecisionRequest request,
            ConsentChannel channel,
            RequestContext context) {
        ConsentRecord.requireSubjectId(subjectId);
        var purpose = catalog.find(purposeId).orElseThrow(RecordConsentDecision::purposeNotFound);
        if (!purpose.decidedByPerson()) {
            throw new DomainException(
                    ErrorKind.INVALID,
                    "purpose-needs-no-consent",
                    "This purpose rests on another legal basis; there is no consent to grant or withdraw.");
        }
        var decision = validate(purpose, request);

        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var now = clock.instant();
            var history = ledger.history(subjectId, now);
            var latest = ConsentState.latest(purpose.id(), history);
            if (changesNothing(purpose, decision, latest)) {
                return Consents.derive(catalog, history);
            }
            var append = decide(purpose, decision, subjectId, channel, context, latest, now);
            if (ledger.append(append) == ConsentLedger.AppendOutcome.APPENDED) {
                return Consents.derive(catalog, after(history, append.superseded(), append.record()));
            }
        }
        throw new DomainException(
                ErrorKind.CONFLICT,
                "consent-changed-concurrently",
                "Another decision on this purpose was being recorded at the same time; please try again.");
    }

    /**
     * The appends that grant each of {@code grantedPurposeIds} (already validated) against the
     * history as read, leaving out grants that change nothing: for a caller that writes them in its
     * own transaction, as a booking does with the grants of its form.
     */
    public List<ConsentLedger.Append> appendsFor(
            String subjectId,
            List<String> grantedPurposeIds,
            List<ConsentRecord> history,
            ConsentChannel channel,
            RequestContext context,
            Instant now) {
        ConsentRecord.requireSubjectId(subjectId);
        var appends = new ArrayList<ConsentLedger.Append>();
        for (var purposeId : grantedPurposeIds) {
            var purpose = catalog.find(purposeId).orElseThrow(RecordConsentDecision::purposeNotFound);
            var latest = ConsentState.latest(purpose.id(), history);
            if (!changesNothing(purpose, ConsentDecision.GRANTED, latest)) {
                appends.add(decide(purpose, ConsentDecision.GRANTED, subjectId, channel, context, latest, now));
            }
        }
        return appends;
    }

    private ConsentLedger.Append decide(
            Purpose purpose,
            ConsentDecision decision,
            String subjectId,
            ConsentChannel channel,
            RequestContext context,
            Optional<ConsentRecord> latest,
            Instant now) {
        var record = new ConsentRecord(
                ids.id128(),
                subjectId,
                purpose.id(),
                latest.map(r -> r.sequence() + 1).orElse(1),
                purpose.policyVersion(),
                purpose.policyHash(),
                decision,
                now,
                channel,
                retention.expiryOf(decision, now));
        var superseded = latest.map(r -> retention.supersede(r, now));
        var audit = AuditRecord.success(
                now,
                ids.uuid(),
                EVENT_SOURCE,
                "RecordConsentDecision",
                false,
                context,
                List.of(AuditResource.consents(subjectId), AuditResource.consentRecord(record.recordId())));
        return new ConsentLedger.Append(record, superseded, audit);
    }

    private static ConsentDecision validate(Purpose purpose, ConsentDecisionRequest request) {
        var validation = new Validation();
        validation.require(request != null && request.granted() != null, "granted", "required");
        validation.throwIfInvalid();
        var decision = ConsentDecision.of(request.granted());
        if (purpose.legalBasis().allowsProcessing(decision)) {
            var version = request.policyVersion();
            validation.require(version != null && !version.isBlank(), "policyVersion", "required");
            if (!validation.hasViolation("policyVersion")) {
                validation.require(
                        purpose.policyVersion().equals(version), "policyVersion", "not-the-current-policy-version");
            }
        }
        validation.throwIfInvalid();
        return decision;
    }

    /** Never deciding reads as a withdrawal: no consent, and no opt-out. */
    private static boolean changesNothing(Purpose purpose, ConsentDecision decision, Optional<ConsentRecord> latest) {
        var standing = latest.map(ConsentRecord::decision).orElse(ConsentDecision.WITHDRAWN);
        if (decision != standing) {
            return false;
        }
        return latest.isEmpty()
                || !purpose.legalBasis().allowsProcessing(decision)
                || latest.get().policyVersion().equals(purpose.policyVersion())
                        && latest.get().policyHash().equals(purpose.policyHash());
    }

    private static List<ConsentRecord> after(
            List<ConsentRecord> history, Optional<ConsentRecord> superseded, ConsentRecord record) {
        var after = new ArrayList<>(history);
        superseded.ifPresent(s -> after.replaceAll(r -> r.recordId().equals(s.recordId()) ? s : r));
        after.add(record);
        return after;
    }

    private static DomainException purposeNotFound() {
        return new DomainException(ErrorKind.NOT_FOUND, "purpose-not-found", "There is no such purpose.");
    }
}
