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
import javax.inject.Provider;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a function rehearses of a first request, and when.
 *
 * <p><b>Alongside init</b>, on every cold start: a few steps run on a thread of their own, started
 * first thing in the handler's constructor, so that a second processor loads the SDK's request
 * pipeline, the calls to KMS and DynamoDB and the ciphers while the first builds Jackson's mapper, the
 * log backend and the clients. Init does not wait for them: a first request that arrives at once
 * overlaps the end of the priming, finds loaded what it has loaded, and loads the rest itself (a
 * class is loaded once; a thread that asks for one being loaded waits for it). The steps are the
 * first request's own work, done early, so they cost little even where there is one processor.
 * Only steps that pay for themselves belong here (BENCHMARKS.md has the measurements).
 *
 * <p><b>Before a SnapStart snapshot</b>: the init steps are waited for, then the other steps run
 * (every DynamoDB operation and item schema, the API's JSON), so that a restored function has them
 * loaded and compiled; then the function forgets every key it holds, so that no snapshot, restored in
 * many execution environments, carries one.
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

    private final List<Named<Step>> alongsideInit;
    private final List<Named<Step>> beforeCheckpoint;
    private final List<Named<Runnable>> forgetting;
    private Thread initPriming;

    private SnapStartPriming(
            List<Named<Step>> alongsideInit, List<Named<Step>> beforeCheckpoint, List<Named<Runnable>> forgetting) {
        this.alongsideInit = List.copyOf(alongsideInit);
        this.beforeCheckpoint = List.copyOf(beforeCheckpoint);
        this.forgetting = List.copyOf(forgetting);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the steps that run alongside init on a daemon thread of their own, once; a handler calls
     * it first in its constructor. Does nothing when there are none.
     */
    public synchronized void startAlongsideInit() {
        if (initPriming == null && !alongsideInit.isEmpty()) {
            initPriming =
                    Thread.ofPlatform().name("init-priming").daemon().start(() -> run("Init priming", alongsideInit));
        }
    }

    /** Waits for the steps {@link #startAlongsideInit()} started; returns at once if it started none. */
    private void awaitInit() {
        Thread thread;
        synchronized (this) {
            thread = initPriming;
        }
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            startAlongsideInit();
            awaitInit();
            run("SnapStart priming", beforeCheckpoint);
        } finally {
            forgetting.forEach(step -> step.action().run());
        }
        LOG.info(
                "SnapStart checkpoint: forgot {}",
                forgetting.stream().map(Named::name).toList());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        LOG.info("Restored from a SnapStart snapshot");
    }

    private static void run(String what, List<Named<Step>> steps) {
        long started = System.nanoTime();
        int primed = 0;
        for (var step : steps) {
            try {
                step.action().run();
                primed++;
            } catch (Exception | LinkageError e) {
                LOG.warn("{} step '{}' failed: {}", what, step.name(), FailureDescription.of(e));
            }
        }
        LOG.info("{}: {} of {} steps in {} ms", what, primed, steps.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The steps, in the order they run. */
    public static final class Builder {
        private final List<Named<Step>> alongsideInit = new ArrayList<>();
        private final List<Named<Step>> beforeCheckpoint = new ArrayList<>();
        private final List<Named<Runnable>> forgetting = new ArrayList<>();

        private Builder() {}

        /**
         * A step that rehearses part of a first request on every cold start, beside the rest of init.
         * It should need nothing from the object graph that the graph's own construction would wait
         * for (a {@code Provider} defers what it needs to when it runs), and be part of what a first
         * request does anyway.
         */
        public Builder primeAlongsideInit(String name, Step step) {
            alongsideInit.add(new Named<>(name, step));
            return this;
        }

        /** A step that rehearses part of a first request before a SnapStart snapshot only. */
        public Builder prime(String name, Step step) {
            beforeCheckpoint.add(new Named<>(name, step));
            return this;
        }

        /** A step that drops what no snapshot may hold: keys, tokens, ids. Runs after every priming step. */
        public Builder forget(String name, Runnable step) {
            forgetting.add(new Named<>(name, step));
            return this;
        }

        /**
         * The steps of a function that holds personal data: KMS's requests, AES-GCM and HMAC, and
         * DynamoDB's request path alongside init; the rest of DynamoDB's operations before a snapshot;
         * then every subject key and the blind-index key forgotten. The cipher and the keyring are asked for only when their step runs, so that
         * building this leaves the object graph to the handler's constructor.
         */
        public Builder personalData(
                Settings settings, Provider<PersonalDataCipher> cipher, Provider<KmsSubjectKeyring> keyring) {
            return primeAlongsideInit("KMS", () -> KmsPriming.dataKeys(settings))
                    .primeAlongsideInit("AES-GCM and HMAC", () -> CryptoPriming.prime(cipher.get()))
                    .primeAlongsideInit("DynamoDB's request path", () -> DynamoDbPriming.requestPath(settings))
                    .prime("DynamoDB", () -> DynamoDbPriming.prime(settings))
                    .forget("subject and blind-index keys", () -> keyring.get().forgetAll());
        }

        public SnapStartPriming build() {
            return new SnapStartPriming(alongsideInit, beforeCheckpoint, forgetting);
        }
    }
}
