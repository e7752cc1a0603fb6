package com.safebook.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void of_oneToHundredMilliseconds_nearestRankPercentiles() {
        var durations = new ArrayList<>(
                IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList());
        Collections.shuffle(durations);

        var stats = Stats.of(durations);

        assertThat(stats.p50()).isEqualTo(50);
        assertThat(stats.p90()).isEqualTo(90);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void of_twentySamples_p90IsTheEighteenth() {
        var stats = Stats.of(
                IntStream.rangeClosed(1, 20).mapToObj(Duration::ofMillis).toList());

        assertThat(stats.p50()).isEqualTo(10);
        assertThat(stats.p90()).isEqualTo(18);
        assertThat(stats.count()).isEqualTo(20);
    }

    @Test
    void of_oneSample_everyPercentileIsIt() {
        var stats = Stats.of(List.of(Duration.ofNanos(1_500_000)));

        assertThat(stats.p50()).isEqualTo(1.5);
        assertThat(stats.p99()).isEqualTo(1.5);
    }

    @Test
    void of_nothing_isRefused() {
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
