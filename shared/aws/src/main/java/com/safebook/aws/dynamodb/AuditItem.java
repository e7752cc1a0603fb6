package com.safebook.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An audit record as stored: {@code pk = <hour, UTC>}, {@code sk = <event time>#<event id>}, the
 * record's canonical JSON and its SHA-256, and a few fields copied out for queries.
 */
final class AuditItem {
    String pk;
    String sk;
    String eventId;
    String eventTime;
    String eventName;
    String principalId;
    String record;
    String recordHash;
    Long expiresAt;

    static final TableSchema<AuditItem> SCHEMA = StaticTableSchema.builder(AuditItem.class)
            .newItemSupplier(AuditItem::new)
            .addAttribute(String.class, a -> a.name("pk")
                    .getter(i -> i.pk)
                    .setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk")
                    .getter(i -> i.sk)
                    .setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(
                    String.class, a -> a.name("eventId").getter(i -> i.eventId).setter((i, v) -> i.eventId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("eventTime").getter(i -> i.eventTime).setter((i, v) -> i.eventTime = v))
            .addAttribute(
                    String.class,
                    a -> a.name("eventName").getter(i -> i.eventName).setter((i, v) -> i.eventName = v))
            .addAttribute(
                    String.class,
                    a -> a.name("principalId").getter(i -> i.principalId).setter((i, v) -> i.principalId = v))
            .addAttribute(
                    String.class, a -> a.name("record").getter(i -> i.record).setter((i, v) -> i.record = v))
            .addAttribute(
                    String.class,
                    a -> a.name("recordHash").getter(i -> i.recordHash).setter((i, v) -> i.recordHash = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("expiresAt").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();
}
