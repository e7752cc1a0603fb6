package com.safebook.local.kms;

import java.util.Optional;
import java.util.Random;

/**
 * The faults the local KMS injects, so that a test can show a caller fails cleanly when KMS is throttling
 * or down. A count of "fail the next n calls" is served first; then a ratio of calls fails, drawn from a
 * seeded generator so that a run can be repeated.
 */
public final class KmsFaults {
    private int failNextCount;
    private KmsFault failNextKind;
    private double failRatio;
    private KmsFault failRatioKind;
    private Random ratioRandom;
    private long injected;

    /** Fails the next {@code count} calls (of any operation) with {@code kind}. */
    public synchronized void failNext(int count, KmsFault kind) {
        if (count < 0 || kind == null) {
            throw new IllegalArgumentException("count must be at least 0 and kind given");
        }
        failNextCount = count;
        failNextKind = kind;
    }

    /** From now on fails each call with probability {@code ratio}, drawn from a generator seeded with seed. */
    public synchronized void failRatio(double ratio, KmsFault kind, long seed) {
        if (!(ratio >= 0.0 && ratio <= 1.0) || kind == null) {
            throw new IllegalArgumentException("ratio must be within [0, 1] and kind given");
        }
        failRatio = ratio;
        failRatioKind = kind;
        ratioRandom = new Random(seed);
    }

    /** No more injected faults. */
    public synchronized void reset() {
        failNextCount = 0;
        failNextKind = null;
        failRatio = 0.0;
        failRatioKind = null;
        ratioRandom = null;
    }

    /** How many calls were answered with an injected fault, since this KMS started. */
    public synchronized long injected() {
        return injected;
    }

    /** The fault the current call must answer with, if any; consumes one of "fail next". */
    synchronized Optional<KmsFault> nextFault() {
        if (failNextCount > 0) {
            failNextCount--;
            injected++;
            return Optional.of(failNextKind);
        }
        if (ratioRandom != null && ratioRandom.nextDouble() < failRatio) {
            injected++;
            return Optional.of(failRatioKind);
        }
        return Optional.empty();
    }
}
