package com.safebook.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** An idempotency record: {@code pk = IDEMPOTENCY#<key id>}, {@code sk = IDEMPOTENCY}. */
final class IdempotencyItem extends TableItem {
    String fingerprint;
    String bookingId;
    String serviceId;
    String start;
    String end;
    String timeZone;
    String sealedToken;

    static final TableSchema<IdempotencyItem> SCHEMA = ItemSchema.of(IdempotencyItem.class, IdempotencyItem::new)
            .text("fingerprint", i -> i.fingerprint, (i, v) -> i.fingerprint = v)
            .text("bookingId", i -> i.bookingId, (i, v) -> i.bookingId = v)
            .text("serviceId", i -> i.serviceId, (i, v) -> i.serviceId = v)
            .text("start", i -> i.start, (i, v) -> i.start = v)
            .text("end", i -> i.end, (i, v) -> i.end = v)
            .text("timeZone", i -> i.timeZone, (i, v) -> i.timeZone = v)
            .text("sealedToken", i -> i.sealedToken, (i, v) -> i.sealedToken = v)
            .build();
}
