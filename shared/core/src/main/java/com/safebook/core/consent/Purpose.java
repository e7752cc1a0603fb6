package com.safebook.core.consent;

import com.safebook.core.security.Digests;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One purpose of processing, as configured: its legal basis and the policy in force for it.
 *
 * @param id a stable, URL-safe name such as {@code marketing-email}; the ledger refers to it
 * @param policyVersion the version of the policy text in force; a new version asks everyone who
 *     consented to the old one again (see {@link ConsentState#renewalNeeded()})
 * @param policyHash the SHA-256 of the policy text's UTF-8 bytes, in lower-case hex, so that
 *     {@code sha256sum} of the published text gives the same string
 * @param description one plain-language sentence for the person deciding
 */
public record Purpose(String id, LegalBasis legalBasis, String policyVersion, String policyHash, String description) {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_ID = 64;

    public Purpose {
        Objects.requireNonNull(legalBasis);
        Objects.requireNonNull(description);
        if (id == null || id.length() > MAX_ID || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A purpose id is lower-case words joined by '-'");
        }
        if (policyVersion == null || !VERSION.matcher(policyVersion).matches()) {
            throw new IllegalArgumentException("A policy version is 1 to 32 letters, digits, '.', '_' or '-'");
        }
        if (policyHash == null || !HASH.matcher(policyHash).matches()) {
            throw new IllegalArgumentException("A policy hash is a SHA-256 in lower-case hex");
        }
    }

    /** A purpose whose hash is computed from the policy text itself, never copied by hand. */
    public static Purpose withPolicyText(
            String id, LegalBasis legalBasis, String policyVersion, String policyText, String description) {
        return new Purpose(id, legalBasis, policyVersion, policyHash(policyText), description);
    }

    public static String policyHash(String policyText) {
        return Digests.hex(Digests.sha256(policyText));
    }

    /** Whether processing waits for the person's grant. */
    public boolean requiresConsent() {
        return legalBasis.requiresConsent();
    }

    /** Whether the person decides about this purpose (consent or opt-out), so it has a ledger. */
    public boolean decidedByPerson() {
        return legalBasis.decidedByPerson();
    }
}
