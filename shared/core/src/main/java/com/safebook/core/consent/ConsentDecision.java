package com.safebook.core.consent;

/** What a person decided about a purpose. For an opt-out purpose, {@code GRANTED} is the opt-out. */
public enum ConsentDecision {
    GRANTED,
    WITHDRAWN;

    public static ConsentDecision of(boolean granted) {
        return granted ? GRANTED : WITHDRAWN;
    }
}
