package com.safebook.core.erasure;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An erasure as recorded: it exists from the moment the subject's key was destroyed, and counts
 * what it removed as it goes. It holds no personal data: the subject appears by pseudonym only.
 *
 * @param erasedAt when the key was destroyed
 * @param removed how many items of each kind were removed so far
 * @param cancelledBookings future bookings that were cancelled (their slots freed)
 * @param completedAt when everything was removed; empty while work is left
 */
public record Erasure(
        String erasureId,
        String subjectId,
        Instant erasedAt,
        Map<ErasedItem, Integer> removed,
        int cancelledBookings,
        Optional<Instant> completedAt) {
    public Erasure {
        Objects.requireNonNull(erasureId);
        Objects.requireNonNull(subjectId);
        Objects.requireNonNull(erasedAt);
        var all = new EnumMap<ErasedItem, Integer>(ErasedItem.class);
        for (var kind : ErasedItem.values()) {
            all.put(kind, removed.getOrDefault(kind, 0));
        }
        removed = Map.copyOf(all);
        Objects.requireNonNull(completedAt);
    }

    public boolean isComplete() {
        return completedAt.isPresent();
    }
}
