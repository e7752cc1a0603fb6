package com.safebook.aws.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small least-recently-used cache whose entries also expire: at most {@code maxEntries}, none
 * older than {@code ttl}. Hand-written rather than Caffeine: a synchronized {@link LinkedHashMap}
 * in access order is all that a per-function cache of a few thousand keys needs, and it loads no
 * classes at cold start.
 */
final class BoundedCache<K, V> {
    private record Cached<V>(V value, Instant expiresAt) {}

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<K, Cached<V>> entries;

    BoundedCache(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 1 || ttl.isNegative()) {
            throw new IllegalArgumentException("A cache needs room for one entry and a non-negative lifetime");
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Cached<V>> eldest) {
                return size() > BoundedCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<V> get(K key) {
        var entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expiresAt().isAfter(clock.instant())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    synchronized void put(K key, V value) {
        entries.put(key, new Cached<>(value, clock.instant().plus(ttl)));
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
