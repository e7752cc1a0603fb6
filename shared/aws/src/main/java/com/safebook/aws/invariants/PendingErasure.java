package com.safebook.aws.invariants;

import java.time.Duration;
import java.time.Instant;

/**
 * An erasure begun and not completed yet, younger than the grace period: most likely running now.
 * The person's key is gone already (the first step); their remaining items go when it completes, or
 * when the person retries. Older than the grace period it is a violation of
 * {@link Invariant#ERASURE_COMPLETES} instead.
 */
public record PendingErasure(String table, String itemKey, Instant erasedAt, Duration age) {}
