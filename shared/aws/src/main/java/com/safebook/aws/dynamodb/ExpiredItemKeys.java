package com.safebook.aws.dynamodb;

import com.safebook.core.retention.ExpiredItem;
import java.util.Map;
import java.util.Optional;

/**
 * Which item a deleted key was, from the key alone (a KEYS_ONLY stream carries nothing else). The
 * key prefixes are unique across SafeBook's tables. An email index entry ({@code EMAIL#<index>}) is
 * never named: its key is derived from an email address.
 */
public final class ExpiredItemKeys {
    private static final String LOCK_PREFIX = "LOCK#";
    private static final String SUBJECT_PREFIX = "SUBJECT#";
    private static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";

    private ExpiredItemKeys() {}

    /**
     * @param pk the item's partition key
     * @param sk its sort key, if its table has one
     * @return the item, or empty for a key that names no kind SafeBook audits the expiry of
     */
    public static Optional<ExpiredItem> of(String pk, Optional<String> sk) {
        if (pk.startsWith(BookingItems.bookingKey("")) && sk.equals(Optional.of(BookingItems.BOOKING_SORT))) {
            return Optional.of(ExpiredItem.booking(rest(pk, BookingItems.bookingKey(""))));
        }
        if (pk.startsWith(IDEMPOTENCY_PREFIX) && sk.equals(Optional.of(BookingItems.IDEMPOTENCY_SORT))) {
            return Optional.of(ExpiredItem.idempotencyRecord(rest(pk, IDEMPOTENCY_PREFIX)));
        }
        if (pk.startsWith(LOCK_PREFIX) && sk.isPresent()) {
            // LOCK#<resource>#<yyyy-MM>: the month is in the granule again.
            var resourceAndMonth = rest(pk, LOCK_PREFIX);
            var monthAt = resourceAndMonth.lastIndexOf('#');
            if (monthAt > 0) {
                return Optional.of(ExpiredItem.lock(resourceAndMonth.substring(0, monthAt), sk.get()));
            }
        }
        if (pk.startsWith(SUBJECT_PREFIX) && sk.isEmpty()) {
            return Optional.of(ExpiredItem.subjectKey(rest(pk, SUBJECT_PREFIX)));
        }
        return Optional.empty();
    }

    /** The keys as a stream record gives them: attribute name to string value. */
    public static Optional<ExpiredItem> of(Map<String, String> keys) {
        var pk = keys.get("pk");
        return pk == null ? Optional.empty() : of(pk, Optional.ofNullable(keys.get("sk")));
    }

    private static String rest(String key, String prefix) {
        return key.substring(prefix.length());
    }
}
