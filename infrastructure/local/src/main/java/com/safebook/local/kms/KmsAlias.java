package com.safebook.local.kms;

import java.time.Instant;

/** An alias ({@code alias/<name>}) and the id of the key it points to. */
record KmsAlias(String name, String targetKeyId, Instant creationDate, Instant lastUpdatedDate) {

    KmsAlias retarget(String keyId, Instant now) {
        return new KmsAlias(name, keyId, creationDate, now);
    }
}
