package com.safebook.aws.snapstart;

import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.CryptoPriming;
import com.safebook.aws.crypto.KmsPriming;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.PersonalDataCipher;
import com.safebook.aws.dynamodb.DynamoDbPriming;
import com.safebook.aws.http.FailureDescription;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a function does just before Lambda takes its SnapStart snapshot: it runs the code paths of a
 * first request that need no data (JSON, the SDK's marshalling and signing, AES-GCM and HMAC), so
 * that a restored function has them loaded and compiled; then it forgets every key it holds, so
 * that no snapshot, restored in many execution environments, carries one.
 *
 * <p>Priming never calls AWS and never writes: the SDK steps run on clients that answer from memory
 * ({@link PrimingClients}). A priming step that fails is logged and skipped (the function still
 * works, only less primed); a forgetting step that fails fails the checkpoint, as no snapshot may
 * keep a key.
 *
 * <p>After a restore there is nothing to renew: ids, IVs and keys come from {@code SecureIds}, whose
 * {@code java.security.SecureRandom} Lambda's Java runtimes keep unique across restored snapshots
 * (AWS, "Handling uniqueness with Lambda SnapStart"), and no credentials were resolved before the
 * snapshot.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    /** One way a first request is rehearsed; it may throw, the next still runs. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private record Named<T>(String name, T action) {}

    private final List<Named<Step>> priming;
    private final List<Named<Runnable>> forgetting;

    private SnapStartPriming(List<Named<Step>> priming, List<Named<Runnable>> forgetting) {
        this.priming = List.copyOf(priming);
        this.forgetting = List.copyOf(forgetting);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        int primed = 0;
        try {
            for (var step : priming) {
                try {
                    step.action().run();
                    primed++;
                } catch (Exception | LinkageError e) {
                    LOG.warn("SnapStart priming step '{}' failed: {}", step.name(), FailureDescription.of(e));
                }
            }
        } finally {
            forgetting.forEach(step -> step.action().run());
        }
        LOG.info(
                "SnapStart priming: {} of {} steps in {} ms; forgot {}",
                primed,
                priming.size(),
                (System.nanoTime() - started) / 1_000_000,
                forgetting.stream().map(Named::name).toList());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        LOG.info("Restored from a SnapStart snapshot");
    }

    /** The steps, in the order they run. */
    public static final class Builder {
        private final List<Named<Step>> priming = new ArrayList<>();
        private final List<Named<Runnable>> forgetting = new ArrayList<>();

        private Builder() {}

        /** A step that rehearses part of a first request. */
        public Builder prime(String name, Step step) {
            priming.add(new Named<>(name, step));
            return this;
        }

        /** A step that drops what no snapshot may hold: keys, tokens, ids. Runs after every priming step. */
        public Builder forget(String name, Runnable step) {
            forgetting.add(new Named<>(name, step));
            return this;
        }

        /**
         * The steps of a function that holds personal data: DynamoDB's and KMS's requests, AES-GCM and
         * HMAC rehearsed; then every subject key and the blind-index key forgotten.
         */
        public Builder personalData(Settings settings, PersonalDataCipher cipher, KmsSubjectKeyring keyring) {
            return prime("DynamoDB", () -> DynamoDbPriming.prime(settings))
                    .prime("KMS", () -> KmsPriming.dataKeys(settings))
                    .prime("AES-GCM and HMAC", () -> CryptoPriming.prime(cipher))
                    .forget("subject and blind-index keys", keyring::forgetAll);
        }

        public SnapStartPriming build() {
            return new SnapStartPriming(priming, forgetting);
        }
    }
}
