package com.safebook.local.aws;

import java.util.Optional;
import java.util.Set;

/**
 * The faults the local stack's AWS endpoint injects into the DynamoDB requests it passes on, so that a
 * test can stop a real function between two of its steps, as a Lambda timeout or a crash would, and
 * then see what a retry makes of what was left.
 *
 * <p>{@link #crashAtWrite} names the crash point: the n-th write request from now ({@code PutItem},
 * {@code UpdateItem}, {@code DeleteItem}, {@code BatchWriteItem}, {@code TransactWriteItems}), either
 * refused before it reaches DynamoDB or passed on and its answer lost. From then on every DynamoDB
 * request is refused, until {@link #reset}: the function is dead, nothing more of it arrives. A refusal
 * is a 400 {@code AccessDeniedException}, which the SDK does not retry, so the function stops at once
 * where the crash put it (a retried 500 would only repeat the same request; the restart of DynamoDB
 * Local is the test of retried failures).
 *
 * <p>It also counts the requests answered 500 because DynamoDB Local did not answer (while it
 * restarts).
 */
public final class DynamoDbFaults {
    /** Whether the write at the crash point reaches DynamoDB before the function dies. */
    public enum Crash {
        /** Refused: the write did not happen. */
        BEFORE_WRITE,
        /** Passed on, then its answer is lost: the write happened and the function never learnt it. */
        AFTER_WRITE
    }

    /** What the endpoint does with one DynamoDB request. */
    enum Action {
        PASS,
        REFUSE,
        PASS_THEN_REFUSE
    }

    static final String REFUSAL = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#AccessDeniedException\","
            + "\"message\":\"The local stack stopped this function here (fault injection).\"}";

    private static final Set<String> WRITES =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private int crashAt;
    private Crash crash;
    private int writes;
    private boolean dead;
    private String crashedOperation;
    private long refused;
    private long unanswered;

    /**
     * Crashes the function at the {@code n}-th write request from now (1: the next one).
     *
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public synchronized void crashAtWrite(int n, Crash when) {
        if (n < 1 || when == null) {
            throw new IllegalArgumentException("n must be at least 1 and when given");
        }
        reset();
        crashAt = n;
        crash = when;
    }

    /** No crash armed, nothing dead; counts writes from zero again. */
    public synchronized void reset() {
        crashAt = 0;
        crash = null;
        writes = 0;
        dead = false;
        crashedOperation = null;
    }

    /** The write requests seen since the last reset or crash point armed, the crashed one included. */
    public synchronized int writes() {
        return writes;
    }

    /** The operation of the write the function crashed at, if it has. */
    public synchronized Optional<String> crashedOperation() {
        return Optional.ofNullable(crashedOperation);
    }

    /** How many requests were refused by an injected crash, since the endpoint started. */
    public synchronized long refused() {
        return refused;
    }

    /** How many requests were answered 500 because DynamoDB Local did not answer, since the endpoint started. */
    public synchronized long unanswered() {
        return unanswered;
    }

    synchronized Action decide(String operation) {
        if (dead) {
            refused++;
            return Action.REFUSE;
        }
        if (!WRITES.contains(operation)) {
            return Action.PASS;
        }
        writes++;
        if (crashAt == 0 || writes < crashAt) {
            return Action.PASS;
        }
        dead = true;
        crashedOperation = operation;
        refused++;
        return crash == Crash.BEFORE_WRITE ? Action.REFUSE : Action.PASS_THEN_REFUSE;
    }

    synchronized void countUnanswered() {
        unanswered++;
    }
}
