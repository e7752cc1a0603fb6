package com.safebook.bench.measure;

import com.safebook.bench.runtime.LambdaProcess;
import com.safebook.bench.runtime.LaunchSpec;
import com.safebook.bench.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cold starts as Lambda has them: each sample a fresh JVM, measured from starting the process to the
 * runtime's first request for an event (init), then the first event handed out until its answer
 * (first invocation). Samples are taken in rounds, one of every target per round, each round starting
 * one target later, so that a machine getting busier or quieter during the run affects all alike.
 */
public final class ColdStarts {
    static final Duration INIT_LIMIT = Duration.ofSeconds(90);
    static final Duration INVOCATION_LIMIT = Duration.ofSeconds(60);

    private ColdStarts() {}

    /** One kind of execution environment to sample: a function, with or without an AOT cache. */
    public record Target(String function, String variant, LaunchSpec spec, Workload first) {}

    public record Sample(String function, String variant, int round, Duration init, Duration firstInvocation) {
        public Duration total() {
            return init.plus(firstInvocation);
        }
    }

    public static List<Sample> measure(List<Target> targets, int rounds, Consumer<String> progress) {
        var samples = new ArrayList<Sample>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < targets.size(); i++) {
                var target = targets.get((i + round) % targets.size());
                var sample = sample(target, round);
                samples.add(sample);
                progress.accept(String.format(
                        "cold %2d/%d %-10s %-8s init %6.1f ms, first invocation %6.1f ms",
                        round + 1,
                        rounds,
                        target.function(),
                        target.variant(),
                        sample.init().toNanos() / 1e6,
                        sample.firstInvocation().toNanos() / 1e6));
            }
        }
        return samples;
    }

    static Sample sample(Target target, int round) {
        try (var process = LambdaProcess.start(target.spec())) {
            var init = process.awaitInit(INIT_LIMIT);
            var invocation = process.invoke(target.first().next(), INVOCATION_LIMIT);
            target.first().check(invocation);
            return new Sample(target.function(), target.variant(), round, init, invocation.duration());
        }
    }
}
