package com.safebook.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One granule of a resource's time, held by one booking: {@code pk = LOCK#<resource>#<yyyy-MM>},
 * {@code sk = <granule start, UTC, to the minute>}. Its existence is what makes a second booking
 * of the same time fail its condition.
 */
final class LockItem {
    String pk;
    String sk;
    String bookingId;
    Long expiresAt;

    static final TableSchema<LockItem> SCHEMA = StaticTableSchema.builder(LockItem.class)
            .newItemSupplier(LockItem::new)
            .addAttribute(String.class, a -> a.name("pk")
                    .getter(i -> i.pk)
                    .setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk")
                    .getter(i -> i.sk)
                    .setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("bookingId").getter(i -> i.bookingId).setter((i, v) -> i.bookingId = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("expiresAt").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();
}
