package com.safebook.core.fake;

import com.safebook.core.privacy.DataSubject;
import com.safebook.core.privacy.DataSubjects;
import com.safebook.core.privacy.EmailAddresses;
import com.safebook.core.security.SecureIds;
import java.util.HashMap;
import java.util.Map;

/**
 * Data subjects in memory, with the store's rules: a new subject is stored by the first write that
 * uses it, unless another one was stored for the same address first; an erased subject is gone.
 */
public class InMemoryDataSubjects implements DataSubjects {
    private final Map<String, String> subjectByEmail = new HashMap<>();
    private final SecureIds ids = new SecureIds();

    record Subject(String subjectId, boolean isNew, String email) implements DataSubject {
        @Override
        public String toString() {
            return "Subject[" + subjectId + "]";
        }
    }

    @Override
    public synchronized DataSubject identify(String email) {
        var normalised = EmailAddresses.normalise(email);
        var known = subjectByEmail.get(normalised);
        return known != null ? new Subject(known, false, normalised) : new Subject(ids.id128(), true, normalised);
    }

    @Override
    public void forget(DataSubject subject) {
        // Nothing is cached here.
    }

    /** Stores a new subject, or confirms a known one still exists; false when the store disagrees. */
    public synchronized boolean store(DataSubject subject) {
        var s = (Subject) subject;
        var current = subjectByEmail.get(s.email());
        if (s.isNew()) {
            if (current != null) {
                return false;
            }
            subjectByEmail.put(s.email(), s.subjectId());
            return true;
        }
        return s.subjectId().equals(current);
    }

    /** Erases the subject, as destroying their key would. */
    public synchronized void erase(String subjectId) {
        subjectByEmail.values().removeIf(subjectId::equals);
    }

    public synchronized int count() {
        return subjectByEmail.size();
    }
}
