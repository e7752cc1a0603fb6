package com.safebook.core.error;

/** What kind of refusal an error is; the edge maps each to one HTTP status. */
public enum ErrorKind {
    MALFORMED_REQUEST,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    INVALID,
    TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    THROTTLED,
    DEPENDENCY_UNAVAILABLE,
    /** Stored data failed its integrity check: never returned, always alarmed on. */
    DATA_INTEGRITY
}
