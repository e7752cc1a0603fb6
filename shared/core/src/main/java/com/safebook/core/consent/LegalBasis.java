package com.safebook.core.consent;

/**
 * Why processing for a purpose is lawful (GDPR Art. 6 and 9), plus the CCPA's opt-out, which works
 * the other way round: processing is allowed until the person says no.
 */
public enum LegalBasis {
    /** Needed to perform the contract the person asked for (Art. 6(1)(b)); nothing to consent to. */
    CONTRACT,
    /** Required by law (Art. 6(1)(c)); nothing to consent to. */
    LEGAL_OBLIGATION,
    /** Consent (Art. 6(1)(a)): no processing until the person grants it. */
    CONSENT,
    /** Explicit consent for special categories such as health (Art. 9(2)(a)). */
    EXPLICIT_CONSENT,
    /**
     * The CCPA's right to opt out of sale or sharing: a grant records that the person opted out,
     * and processing is allowed until they do.
     */
    OPT_OUT;

    /** Whether processing for a purpose on this basis waits for the person's grant. */
    public boolean requiresConsent() {
        return this == CONSENT || this == EXPLICIT_CONSENT;
    }

    /** Whether the person decides: only these purposes have a ledger. */
    public boolean decidedByPerson() {
        return requiresConsent() || this == OPT_OUT;
    }

    /**
     * Whether {@code decision} lets processing go on: a grant of consent, or the withdrawal of an
     * opt-out. The other decisions protect the person and are never made harder to take.
     */
    public boolean allowsProcessing(ConsentDecision decision) {
        return switch (this) {
            case CONSENT, EXPLICIT_CONSENT -> decision == ConsentDecision.GRANTED;
            case OPT_OUT -> decision == ConsentDecision.WITHDRAWN;
            case CONTRACT, LEGAL_OBLIGATION -> true;
        };
    }
}
