package com.safebook.bench.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Percentiles of a sample of durations, in milliseconds, by the nearest-rank method: the p-th
 * percentile is the smallest value with at least p% of the sample at or below it.
 */
public record Stats(int count, double p50, double p90, double p99, double min, double max, double mean) {

    public static Stats of(List<Duration> durations) {
        if (durations.isEmpty()) {
            throw new IllegalArgumentException("No durations to summarise");
        }
        var millis =
                durations.stream().mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
        return new Stats(
                millis.length,
                percentile(millis, 50),
                percentile(millis, 90),
                percentile(millis, 99),
                millis[0],
                millis[millis.length - 1],
                Arrays.stream(millis).average().orElseThrow());
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
