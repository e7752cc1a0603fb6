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
}
