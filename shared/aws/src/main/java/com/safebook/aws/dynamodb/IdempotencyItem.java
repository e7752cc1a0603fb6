package com.safebook.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** An idempotency record: {@code pk = IDEMPOTENCY#<key id>}, {@code sk = IDEMPOTENCY}. */
final class IdempotencyItem {
    String pk;
    String sk;
    String fingerprint;
    String bookingId;
    String serviceId;
    String start;
    String end;
    String timeZone;
    String sealedToken;
    Long expiresAt;

    static final TableSchema<IdempotencyItem> SCHEMA = StaticTableSchema.builder(IdempotencyItem.class)
            .newItemSupplier(IdempotencyItem::new)
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
                    a -> a.name("fingerprint").getter(i -> i.fingerprint).setter((i, v) -> i.fingerprint = v))
            .addAttribute(
                    String.class,
                    a -> a.name("bookingId").getter(i -> i.bookingId).setter((i, v) -> i.bookingId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("serviceId").getter(i -> i.serviceId).setter((i, v) -> i.serviceId = v))
            .addAttribute(
                    String.class, a -> a.name("start").getter(i -> i.start).setter((i, v) -> i.start = v))
            .addAttribute(String.class, a -> a.name("end").getter(i -> i.end).setter((i, v) -> i.end = v))
            .addAttribute(
                    String.class,
                    a -> a.name("timeZone").getter(i -> i.timeZone).setter((i, v) -> i.timeZone = v))
            .addAttribute(
                    String.class,
                    a -> a.name("sealedToken").getter(i -> i.sealedToken).setter((i, v) -> i.sealedToken = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("expiresAt").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();
}
