package com.safebook.core.privacy;

/**
 * The person behind one email address, as storage knows them: by a random identifier that says
 * nothing about them, and (in the adapters) by the key their personal data is encrypted under.
 * Destroying that key erases them everywhere at once, backups included.
 */
public interface DataSubject {
    /** A random pseudonym: it names the person in bookings and audit records and reveals nothing. */
    String subjectId();

    /** Whether this subject is not stored yet; the first write that uses it stores it. */
    boolean isNew();
}
