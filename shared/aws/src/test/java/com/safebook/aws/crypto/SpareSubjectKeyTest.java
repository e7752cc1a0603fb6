package com.safebook.aws.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SpareSubjectKeyTest {
    /** Makes keys numbered from 1, on whichever thread asks, and notes that thread's name. */
    private static final class Maker {
        final AtomicInteger made = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        SpareSubjectKey.Made make() {
            threads.add(Thread.currentThread().getName());
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var failing = failure.get();
            if (failing != null) {
                throw failing;
            }
            var n = made.incrementAndGet();
            return new SpareSubjectKey.Made(
                    "subject-" + n,
                    new KeyService.DataKey(new SecretKeySpec(new byte[32], "AES"), new byte[] {(byte) n}));
        }
    }

    @Test
    void take_firstTwoMadeNow_thenEachTheOneMadeAhead() {
        var maker = new Maker();
        var spare = new SpareSubjectKey(maker::make);
        var caller = Thread.currentThread().getName();

        assertThat(spare.take().subjectId()).isEqualTo("subject-1");
        spare.settle();
        assertThat(maker.threads).as("the first starts no spare").containsExactly(caller);

        assertThat(spare.take().subjectId()).isEqualTo("subject-2");
        spare.settle();
        assertThat(maker.threads).containsExactly(caller, caller, "spare-subject-key");

        assertThat(spare.take().subjectId()).isEqualTo("subject-3");
        spare.settle();
        assertThat(spare.take().subjectId()).isEqualTo("subject-4");
        spare.settle();
        assertThat(maker.made).hasValue(5);
        assertThat(maker.threads.subList(3, 5)).containsOnly("spare-subject-key");
    }

    @Test
    void take_whileTheSpareIsBeingMade_waitsForIt() throws Exception {
        var maker = new Maker();
        var spare = afterTwoNewCustomers(maker);
        maker.gate = new CountDownLatch(1);
        // The next spare, subject-4, starts with the gate closed.
        assertThat(spare.take().subjectId()).isEqualTo("subject-3");
        var taker = Executors.newSingleThreadExecutor();
        try {
            var taking = taker.submit(spare::take);
            Thread.sleep(50);
            assertThat(taking).isNotDone();
            maker.gate.countDown();
            assertThat(taking.get(10, TimeUnit.SECONDS).subjectId()).isEqualTo("subject-4");
        } finally {
            taker.shutdownNow();
        }
    }

    @Test
    void spareFailed_takeMakesOneNow_andAFailureNowIsTheCallers() {
        var maker = new Maker();
        var spare = afterTwoNewCustomers(maker);
        var kmsDown = new IllegalStateException("KMS is unreachable");

        // The spare made before the failure is still good.
        maker.failure.set(kmsDown);
        assertThat(spare.take().subjectId()).isEqualTo("subject-3");
        spare.settle();
        // Its successor failed; now none can be made.
        assertThatThrownBy(spare::take).isSameAs(kmsDown);

        maker.failure.set(null);
        assertThat(spare.take().subjectId()).isEqualTo("subject-4");
        spare.settle();
        assertThat(spare.take().subjectId()).as("and the spare is made again").isEqualTo("subject-5");
    }

    @Test
    void forget_dropsTheSpare() {
        var maker = new Maker();
        var spare = afterTwoNewCustomers(maker);
        spare.forget();

        assertThat(spare.take().subjectId())
                .as("made now, not the forgotten subject-3")
                .isEqualTo("subject-4");
    }

    /** Subjects 1 and 2 taken, both made by their callers; subject-3 made ahead and ready. */
    private static SpareSubjectKey afterTwoNewCustomers(Maker maker) {
        var spare = new SpareSubjectKey(maker::make);
        spare.take();
        spare.take();
        spare.settle();
        return spare;
    }

    @Test
    void take_concurrently_everyKeyGoesToOneCaller() throws Exception {
        var maker = new Maker();
        var spare = new SpareSubjectKey(maker::make);
        var tasks = new ArrayList<Callable<String>>();
        for (int i = 0; i < 200; i++) {
            tasks.add(() -> spare.take().subjectId());
        }
        var taken = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(tasks)) {
                taken.add(f.get());
            }
        }
        spare.settle();

        assertThat(taken).doesNotHaveDuplicates().hasSize(200);
        // A spare is started only where none is, so none is made for nothing: the only key not
        // taken is the one left for the next caller.
        assertThat(maker.made).hasValue(201);
        assertThat(taken).as("the one left").doesNotContain(spare.take().subjectId());
    }
}
