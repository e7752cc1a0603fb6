package com.safebook.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A booking as stored: {@code pk = BOOKING#<id>}, {@code sk = BOOKING}, and on the by-day index
 * {@code gsi1pk = DAY#<local date>}, {@code gsi1sk = <start>#<id>} for the staff's day view.
 */
final class BookingItem {
    static final String INDEX_BY_DAY = "byDay";

    String pk;
    String sk;
    String gsi1pk;
    String gsi1sk;
    String bookingId;
    String serviceId;
    String resourceId;
    String timeZone;
    String start;
    String end;
    String status;
    String customerName;
    String customerEmail;
    String customerPhone;
    String notes;
    String manageTokenHash;
    String createdAt;
    String cancelledAt;
    Long expiresAt;

    static final TableSchema<BookingItem> SCHEMA = StaticTableSchema.builder(BookingItem.class)
            .newItemSupplier(BookingItem::new)
            .addAttribute(String.class, a -> a.name("pk")
                    .getter(i -> i.pk)
                    .setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk")
                    .getter(i -> i.sk)
                    .setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("gsi1pk")
                    .getter(i -> i.gsi1pk)
                    .setter((i, v) -> i.gsi1pk = v)
                    .tags(secondaryPartitionKey(INDEX_BY_DAY)))
            .addAttribute(String.class, a -> a.name("gsi1sk")
                    .getter(i -> i.gsi1sk)
                    .setter((i, v) -> i.gsi1sk = v)
                    .tags(secondarySortKey(INDEX_BY_DAY)))
            .addAttribute(
                    String.class,
                    a -> a.name("bookingId").getter(i -> i.bookingId).setter((i, v) -> i.bookingId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("serviceId").getter(i -> i.serviceId).setter((i, v) -> i.serviceId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("resourceId").getter(i -> i.resourceId).setter((i, v) -> i.resourceId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("timeZone").getter(i -> i.timeZone).setter((i, v) -> i.timeZone = v))
            .addAttribute(
                    String.class, a -> a.name("start").getter(i -> i.start).setter((i, v) -> i.start = v))
            .addAttribute(String.class, a -> a.name("end").getter(i -> i.end).setter((i, v) -> i.end = v))
            .addAttribute(
                    String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .addAttribute(
                    String.class,
                    a -> a.name("customerName").getter(i -> i.customerName).setter((i, v) -> i.customerName = v))
            .addAttribute(
                    String.class,
                    a -> a.name("customerEmail").getter(i -> i.customerEmail).setter((i, v) -> i.customerEmail = v))
            .addAttribute(
                    String.class,
                    a -> a.name("customerPhone").getter(i -> i.customerPhone).setter((i, v) -> i.customerPhone = v))
            .addAttribute(
                    String.class, a -> a.name("notes").getter(i -> i.notes).setter((i, v) -> i.notes = v))
            .addAttribute(String.class, a -> a.name("manageTokenHash")
                    .getter(i -> i.manageTokenHash)
                    .setter((i, v) -> i.manageTokenHash = v))
            .addAttribute(
                    String.class,
                    a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
            .addAttribute(
                    String.class,
                    a -> a.name("cancelledAt").getter(i -> i.cancelledAt).setter((i, v) -> i.cancelledAt = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("expiresAt").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();
}
