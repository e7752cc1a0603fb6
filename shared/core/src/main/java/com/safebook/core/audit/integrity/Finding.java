package com.safebook.core.audit.integrity;

/**
 * One thing the verifier found, naming the record ({@code eventId}) or digest ({@code digestId})
 * concerned. Only {@link Severity#ERROR} findings make a trail invalid.
 */
public record Finding(Severity severity, Kind kind, String eventId, String digestId, String detail) {
    public enum Severity {
        ERROR,
        INFO
    }

    public enum Kind {
        RECORD_MODIFIED,
        RECORD_DELETED,
        RECORD_INSERTED,
        RECORD_REORDERED,
        RECORDS_UNSEALED,
        DIGEST_MISSING,
        DIGEST_FORGED,
        DIGEST_REPLACED,
        CHAIN_START_UNCHECKED
    }

    static Finding record(Kind kind, String eventId, String digestId, String detail) {
        return new Finding(Severity.ERROR, kind, eventId, digestId, detail);
    }

    static Finding digest(Kind kind, String digestId, String detail) {
        return new Finding(Severity.ERROR, kind, null, digestId, detail);
    }

    static Finding info(Kind kind, String digestId, String detail) {
        return new Finding(Severity.INFO, kind, null, digestId, detail);
    }
}
