package com.safebook.core.erasure;

/** The kinds of stored items an erasure removes, as counted in its receipt. */
public enum ErasedItem {
    /** The subject's key and email-index items in the key table: crypto-shredding. */
    SUBJECT_KEY("subjectKeys"),
    BOOKING("bookings"),
    MANAGE_TOKEN("manageTokens"),
    IDEMPOTENCY_RECORD("idempotencyRecords"),
    SLOT_LOCK("slotLocks"),
    CONSENT_RECORD("consentRecords");

    private final String label;

    ErasedItem(String label) {
        this.label = label;
    }

    /** The name in the receipt and in storage. */
    public String label() {
        return label;
    }
}
