package com.safebook.aws.crypto;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The next new subject's id and data key, made by KMS before a new customer asks for one. A new
 * customer's booking takes the spare and starts the next one on another thread while its own
 * transaction runs, so that it waits for the email index's read and the transaction, not for KMS as
 * well. Each key made is taken by one new customer; what a spare costs is one key per instance
 * that no customer takes.
 *
 * <p>A spare is no one's key until a booking stores it with its subject, so keeping it in memory
 * reveals nothing. Still, {@link #forget()} drops it with the other keys before a SnapStart
 * snapshot, and {@link #settle()}, called once a booking is stored, waits for one being made, so
 * that no KMS call is under way when Lambda freezes the environment after it. A booking refused
 * after taking a key (its slot just taken) does not wait: the spare's call then goes on when the
 * instance next runs, and if that call fails the spare is dropped and the next new customer makes
 * its own.
 */
final class SpareSubjectKey {
    /** A subject id and the data key made for it, its id bound into the key's encryption context. */
    record Made(String subjectId, KeyService.DataKey dataKey) {}

    private final Supplier<Made> make;
    private final AtomicReference<FutureTask<Made>> next = new AtomicReference<>();
    /** Whether a key was made for want of a spare before: set by the instance's first new customer. */
    private final AtomicBoolean madeWithoutSpare = new AtomicBoolean();

    SpareSubjectKey(Supplier<Made> make) {
        this.make = make;
    }

    /**
     * The spare, waiting for it if it is still being made, or a key made now if there is none or
     * making it failed; then the next spare is started. A failure to make the key now is the
     * caller's; a failed spare is only dropped.
     *
     * <p>The instance's first new customer starts no spare: that request is usually the cold start,
     * whose thread is busy loading and interpreting code, and a second thread making a key then would
     * take cores from it. The second new customer starts the first spare.
     */
    Made take() {
        var spare = next.getAndSet(null);
        var made = spare == null ? null : resultOf(spare);
        var warm = made != null || madeWithoutSpare.getAndSet(true);
        if (made == null) {
            made = make.get();
        }
        if (warm) {
            start();
        }
        return made;
    }

    /** Waits for a spare being made, if one is. */
    void settle() {
        var spare = next.get();
        if (spare != null) {
            resultOf(spare);
        }
    }

    /** Drops the spare, after waiting for it if it is being made. */
    void forget() {
        var spare = next.getAndSet(null);
        if (spare != null) {
            resultOf(spare);
        }
    }

    private void start() {
        var spare = new FutureTask<>(make::get);
        if (next.compareAndSet(null, spare)) {
            Thread.ofPlatform().daemon().name("spare-subject-key").start(spare);
        }
    }

    /** The key the task made, or null if it failed: a request that needs one then makes its own. */
    private static Made resultOf(FutureTask<Made> spare) {
        try {
            return spare.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
