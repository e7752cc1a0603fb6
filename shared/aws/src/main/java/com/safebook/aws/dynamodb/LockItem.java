package com.safebook.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One granule of a resource's time, held by one booking: {@code pk = LOCK#<resource>#<yyyy-MM>},
 * {@code sk = <granule start, UTC, to the minute>}. Its existence is what makes a second booking
 * of the same time fail its condition.
 */
final class LockItem extends TableItem {
    String bookingId;

    static final TableSchema<LockItem> SCHEMA = ItemSchema.of(LockItem.class, LockItem::new)
            .text("bookingId", i -> i.bookingId, (i, v) -> i.bookingId = v)
            .build();
}
