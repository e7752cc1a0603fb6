package com.safebook.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An audit record as stored: {@code pk = <hour, UTC>}, {@code sk = <event time>#<event id>}, the
 * record's canonical JSON and its SHA-256, and a few fields copied out for queries.
 */
final class AuditItem extends TableItem {
    String eventId;
    String eventTime;
    String eventName;
    String principalId;
    String record;
    String recordHash;

    static final TableSchema<AuditItem> SCHEMA = ItemSchema.of(AuditItem.class, AuditItem::new)
            .text("eventId", i -> i.eventId, (i, v) -> i.eventId = v)
            .text("eventTime", i -> i.eventTime, (i, v) -> i.eventTime = v)
            .text("eventName", i -> i.eventName, (i, v) -> i.eventName = v)
            .text("principalId", i -> i.principalId, (i, v) -> i.principalId = v)
            .text("record", i -> i.record, (i, v) -> i.record = v)
            .text("recordHash", i -> i.recordHash, (i, v) -> i.recordHash = v)
            .build();
}
