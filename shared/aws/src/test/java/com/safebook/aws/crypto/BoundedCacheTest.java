package com.safebook.aws.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

    @Test
    void full_evictsTheLeastRecentlyUsed() {
        var cache = new BoundedCache<String, Integer>(2, Duration.ofMinutes(5), clock);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);

        assertThat(cache.get("a")).contains(1);
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("c")).contains(3);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void entryOlderThanItsLifetime_isGone() {
        var cache = new BoundedCache<String, Integer>(10, Duration.ofMinutes(5), clock);
        cache.put("a", 1);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(cache.get("a")).contains(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.size()).isZero();
    }
}
