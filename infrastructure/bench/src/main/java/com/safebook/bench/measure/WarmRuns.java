package com.safebook.bench.measure;

import com.safebook.bench.runtime.Invocation;
import com.safebook.bench.runtime.LambdaProcess;
import com.safebook.bench.runtime.LaunchSpec;
import com.safebook.bench.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Warm latency: one execution environment handles its first (cold) event, which is not counted, then
 * {@code invocations} events of each workload in turn, one at a time as Lambda sends them.
 */
public final class WarmRuns {
    private WarmRuns() {}

    /** Answers the invocations of each workload, by its description, in order. */
    public static Map<String, List<Invocation>> measure(
            String function,
            LaunchSpec spec,
            Workload first,
            List<Workload> workloads,
            int invocations,
            Consumer<String> progress) {
        var results = new LinkedHashMap<String, List<Invocation>>();
        try (var process = LambdaProcess.start(spec)) {
            process.awaitInit(ColdStarts.INIT_LIMIT);
            first.check(process.invoke(first.next(), ColdStarts.INVOCATION_LIMIT));
            for (var workload : workloads) {
                var timed = new ArrayList<Invocation>(invocations);
                for (int i = 0; i < invocations; i++) {
                    var invocation = process.invoke(workload.next(), ColdStarts.INVOCATION_LIMIT);
                    workload.check(invocation);
                    timed.add(invocation);
                }
                results.put(workload.description(), timed);
                progress.accept("warm " + function + ": " + workload.description() + ", " + invocations + " done");
            }
        }
        return results;
    }

    /**
     * What {@link #measure} answers, together with a reference's invocations made alongside: after each
     * of the function's timed invocations, one of {@code reference} in an execution environment of its
     * own, so that both are timed over the same seconds against the same tables, and a machine or tables
     * that change during the run change both alike. The reference's invocations are keyed by the
     * function's workload they were made alongside.
     */
    public record Alongside(Map<String, List<Invocation>> function, Map<String, List<Invocation>> reference) {}

    public static Alongside measureAlongside(
            String function,
            LaunchSpec spec,
            Workload first,
            List<Workload> workloads,
            LaunchSpec referenceSpec,
            Workload reference,
            int invocations,
            Consumer<String> progress) {
        var results = new LinkedHashMap<String, List<Invocation>>();
        var alongside = new LinkedHashMap<String, List<Invocation>>();
        try (var process = LambdaProcess.start(spec);
                var referenceProcess = LambdaProcess.start(referenceSpec)) {
            process.awaitInit(ColdStarts.INIT_LIMIT);
            referenceProcess.awaitInit(ColdStarts.INIT_LIMIT);
            first.check(process.invoke(first.next(), ColdStarts.INVOCATION_LIMIT));
            reference.check(referenceProcess.invoke(reference.next(), ColdStarts.INVOCATION_LIMIT));
            for (var workload : workloads) {
                var timed = new ArrayList<Invocation>(invocations);
                var timedReference = new ArrayList<Invocation>(invocations);
                for (int i = 0; i < invocations; i++) {
                    var invocation = process.invoke(workload.next(), ColdStarts.INVOCATION_LIMIT);
                    workload.check(invocation);
                    timed.add(invocation);
                    var referenceInvocation = referenceProcess.invoke(reference.next(), ColdStarts.INVOCATION_LIMIT);
                    reference.check(referenceInvocation);
                    timedReference.add(referenceInvocation);
                }
                results.put(workload.description(), timed);
                alongside.put(workload.description(), timedReference);
                progress.accept("warm " + function + ": " + workload.description() + ", " + invocations
                        + " done, each followed by the reference");
            }
        }
        return new Alongside(results, alongside);
    }
}
