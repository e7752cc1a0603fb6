package com.safebook.core.audit.integrity;

import java.util.Objects;

/** One sealed record: its event id and the SHA-256 (hex) of its canonical form. */
public record DigestEntry(String eventId, String recordHash) {
    public DigestEntry {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(recordHash);
    }
}
