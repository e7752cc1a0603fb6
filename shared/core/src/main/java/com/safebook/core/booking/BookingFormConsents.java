package com.safebook.core.booking;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.consent.ConsentChannel;
import com.safebook.core.consent.ConsentDecision;
import com.safebook.core.consent.ConsentDecisionRequest;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.consent.ConsentRequirements;
import com.safebook.core.consent.ConsentState;
import com.safebook.core.consent.Purpose;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.consent.RecordConsentDecision;
import com.safebook.core.error.Validation;
import com.safebook.core.privacy.DataSubject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The consents a booking form carries, for {@link CreateBooking}.
 *
 * <ul>
 *   <li>Checked with the rest of the booking, before anything is written: unknown purposes,
 *       purposes nobody consents to, decisions that are not true or false, and a grant to another
 *       policy version than the one in force (as for {@code PUT /consents/{purpose}}) are refused
 *       together. Notes need the {@code health-notes} grant: whatever a person writes there may be
 *       about their health, and the booking cannot tell.
 *   <li>Recorded in the booking's own transaction, each grant as the customer (by pseudonym) with
 *       channel {@code BOOKING_FORM}: the booking and its grants exist together or not at all, in
 *       one write request. The subject's history is read first, and a grant that changes nothing is
 *       not written; if another decision lands in between, the transaction fails on the ledger's
 *       condition and the booking is tried again on the new history.
 *   <li>A false is not recorded: not granting is the default, and an unticked box on a new
 *       booking must not withdraw what the person granted before.
 *   <li>A replayed booking (same Idempotency-Key) writes nothing and answers with the form's grants
 *       as the ledger holds them now.
 * </ul>
 */
public final class BookingFormConsents {
    private static final String FIELD = "consents";

    private final PurposeCatalog purposes;
    private final ConsentRequirements requirements;
    private final RecordConsentDecision recordConsent;
    private final ConsentLedger ledger;

    public BookingFormConsents(PurposeCatalog purposes, RecordConsentDecision recordConsent, ConsentLedger ledger) {
        this.purposes = purposes;
        this.requirements = new ConsentRequirements(purposes);
        this.recordConsent = recordConsent;
        this.ledger = ledger;
    }

    /** Which of the form's grants are in the ledger and which are not. */
    public record Outcome(List<String> recorded, List<String> notRecorded) {
        public static final Outcome NONE = new Outcome(List.of(), List.of());

        public Outcome {
            recorded = List.copyOf(recorded);
            notRecorded = List.copyOf(notRecorded);
        }
    }

    void check(Map<String, ConsentDecisionRequest> consents, String notes, Validation validation) {
        var granted = new HashMap<String, Boolean>();
        if (consents != null) {
            consents.forEach((id, decision) -> granted.put(id, decision == null ? null : decision.granted()));
        }
        requirements.check(consents == null ? null : granted, validation);
        for (var purpose : purposes.decidedByPerson()) {
            var decision = consents == null ? null : consents.get(purpose.id());
            if (decision == null
                    || decision.granted() == null
                    || !purpose.legalBasis().allowsProcessing(ConsentDecision.of(decision.granted()))) {
                continue;
            }
            var field = FIELD + "." + purpose.id() + ".policyVersion";
            var version = decision.policyVersion();
            if (version == null || version.isBlank()) {
                validation.require(false, field, "required");
            } else {
                validation.require(purpose.policyVersion().equals(version), field, "not-the-current-policy-version");
            }
        }
        // Notes refused for their content will not be kept; their consent matters once they are fixed.
        if (notes != null && !notes.isBlank() && !validation.hasViolation("notes")) {
            requirements.requireFor(PurposeCatalog.HEALTH_NOTES, granted, validation);
        }
    }

    /**
     * The ledger appends of the form's grants, to be written in the booking's own transaction, in
     * the catalogue's order; grants the person already holds under the current policy need none. A
     * subject this booking creates has no history yet (its id is new and random), so the ledger is
     * read only for a person already stored.
     */
    List<ConsentLedger.Append> appends(
            DataSubject subject, Map<String, ConsentDecisionRequest> consents, RequestContext context, Instant now) {
        var grants = grantedPurposes(consents);
        if (grants.isEmpty()) {
            return List.of();
        }
        var subjectId = subject.subjectId();
        return recordConsent.appendsFor(
                subjectId,
                grants,
                subject.isNew() ? List.of() : ledger.history(subjectId, now),
                ConsentChannel.BOOKING_FORM,
                context.as(Actor.customer(subjectId)),
                now);
    }

    /** The form's grants as the ledger holds them now, for a replayed request; reads, writes nothing. */
    Outcome asRecorded(Optional<String> subjectId, Map<String, ConsentDecisionRequest> consents, Instant now) {
        var grants = grantedPurposes(consents);
        var history = subjectId.map(s -> ledger.history(s, now)).orElse(List.of());
        Set<String> standing = grants.stream()
                .filter(id -> ConsentState.latest(id, history)
                        .filter(r -> r.decision() == ConsentDecision.GRANTED)
                        .isPresent())
                .collect(Collectors.toSet());
        return new Outcome(
                grants.stream().filter(standing::contains).toList(),
                grants.stream().filter(id -> !standing.contains(id)).toList());
    }

    /** The purposes the form grants, in the catalogue's order. */
    List<String> grantedPurposes(Map<String, ConsentDecisionRequest> consents) {
        if (consents == null) {
            return List.of();
        }
        return purposes.decidedByPerson().stream()
                .map(Purpose::id)
                .filter(id -> consents.get(id) != null
                        && Boolean.TRUE.equals(consents.get(id).granted()))
                .toList();
    }
}
