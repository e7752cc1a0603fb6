package com.safebook.core.privacy;

/**
 * Port: finds the data subject of an email address without storing the address anywhere (the
 * adapters look it up by a keyed hash of it), or prepares a new one.
 */
public interface DataSubjects {
    /** The subject this email address belongs to: the one already known, or a new one. */
    DataSubject identify(String email);

    /**
     * Forgets what this process remembers of the subject, after a write found it changed: created
     * at the same time by another request, or erased.
     */
    void forget(DataSubject subject);
}
