package com.safebook.aws.crypto;

import com.safebook.core.privacy.EmailAddresses;
import com.safebook.core.security.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The blind index of an email address: HMAC-SHA-256 of its normalised form under a key that KMS
 * wraps and the key table stores. It finds a person by email while no email is a key or an index
 * attribute anywhere; without the index key it cannot even confirm a guessed address. The key is
 * created by the first function that needs it and read once per execution environment, on first
 * use (never during init, so no SnapStart snapshot holds it).
 */
@Singleton
public final class BlindIndex {
    static final Map<String, String> CONTEXT = Map.of(KeyService.PURPOSE, "safebook:blind-index", "version", "1");

    private final DynamoDbKeyTable keys;
    private final KeyService keyService;
    private final Clock clock;
    private volatile SecretKeySpec key;

    @Inject
    public BlindIndex(DynamoDbKeyTable keys, KeyService keyService, Clock clock) {
        this.keys = keys;
        this.keyService = keyService;
        this.clock = clock;
    }

    public String of(String email) {
        var normalised = EmailAddresses.normalise(email).getBytes(StandardCharsets.UTF_8);
        return Digests.base64Url(Digests.hmacSha256(key().getEncoded(), normalised));
    }

    /** Drops the key from memory (before a SnapStart snapshot). */
    public void forgetKey() {
        key = null;
    }

    private SecretKeySpec key() {
        var k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = load();
                    key = k;
                }
            }
        }
        return k;
    }

    private SecretKeySpec load() {
        var stored = keys.wrappedIndexKey();
        if (stored.isPresent()) {
            return keyService.unwrap(stored.get(), CONTEXT);
        }
        var generated = keyService.generate(CONTEXT);
        if (keys.putIndexKeyIfAbsent(generated.wrapped(), clock.instant())) {
            return generated.key();
        }
        // Another function stored one first: everyone must use the same.
        return keyService.unwrap(keys.wrappedIndexKey().orElseThrow(), CONTEXT);
    }
}
