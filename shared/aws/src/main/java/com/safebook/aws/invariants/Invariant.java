package com.safebook.aws.invariants;

/** What must hold of SafeBook's stored data, whatever failed or crashed while it was written. */
public enum Invariant {
    BOOKING_HOLDS_ITS_LOCKS("A confirmed booking holds the lock of every granule of its time"),
    LOCK_BELONGS_TO_A_BOOKING("A lock is held by a confirmed booking of that resource and time"),
    BOOKING_HAS_ITS_TOKEN_LOOKUP("A booking has its manage-token lookup item"),
    BOOKING_HAS_ITS_SUBJECT_KEY("A booking's data subject has a key that outlives the booking"),
    BOOKING_CREATION_AUDITED("A booking has the audit record of its creation (CreateBooking)"),
    CANCELLATION_AUDITED("A cancelled booking has the audit record of its cancellation"),
    ERASURE_AUDITED("A completed erasure has its audit record (ErasePersonalData)"),
    TOKEN_POINTS_TO_A_BOOKING("A manage-token lookup points to its booking, or to an erasure receipt"),
    IDEMPOTENCY_POINTS_TO_A_BOOKING("An idempotency record points to an existing booking"),
    RECEIPT_POINTS_TO_AN_ERASURE("An erasure receipt lookup points to its erasure record"),
    ERASURE_COMPLETES("An erasure begun longer ago than the grace period has completed"),
    NOTHING_LEFT_OF_AN_ERASED_SUBJECT("No key, booking, lock, lookup or consent record of an erased subject remains"),
    ITEM_IS_WELL_FORMED("An item has the attributes its kind needs");

    private final String rule;

    Invariant(String rule) {
        this.rule = rule;
    }

    /** The rule, in a sentence. */
    public String rule() {
        return rule;
    }
}
