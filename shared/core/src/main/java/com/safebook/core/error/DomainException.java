package com.safebook.core.error;

import java.util.List;
import java.util.Objects;

/**
 * A refusal the domain states on purpose. It carries a stable code and a message that never
 * contains submitted data, so that the edge can show both to the caller as they are.
 */
public class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String code;
    private final transient List<Violation> violations;

    public DomainException(ErrorKind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    public DomainException(ErrorKind kind, String code, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.violations = List.copyOf(violations);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** A stable, URL-safe identifier of this kind of refusal, such as {@code slot-unavailable}. */
    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
