package com.safebook.core.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of a request before refusing it, so that a caller fixes all at once. */
public final class Validation {
    private final List<Violation> violations = new ArrayList<>();

    public Validation require(boolean condition, String field, String code) {
        if (!condition) {
            violations.add(new Violation(field, code));
        }
        return this;
    }

    public boolean hasViolation(String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new DomainException(
                    ErrorKind.INVALID,
                    "validation-failed",
                    "The request is not valid; see the violations.",
                    violations);
        }
    }
}
