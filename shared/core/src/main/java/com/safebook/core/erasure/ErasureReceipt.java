package com.safebook.core.erasure;

import java.time.Instant;
import java.util.Map;

/**
 * The answer to an erasure request: the same on every retry. No personal data, not even the
 * subject's pseudonym.
 *
 * @param repeated whether an earlier request already completed this erasure
 */
public record ErasureReceipt(
        String erasureId,
        Instant erasedAt,
        Instant completedAt,
        Map<ErasedItem, Integer> removed,
        int cancelledBookings,
        boolean keyDestroyed,
        boolean repeated) {

    static ErasureReceipt of(Erasure erasure, boolean repeated) {
        return new ErasureReceipt(
                erasure.erasureId(),
                erasure.erasedAt(),
                erasure.completedAt().orElseThrow(),
                erasure.removed(),
                erasure.cancelledBookings(),
                true,
                repeated);
    }
}
