package com.safebook.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A booking as stored: {@code pk = BOOKING#<id>}, {@code sk = BOOKING}, and on the by-day index
 * {@code gsi1pk = DAY#<local date>}, {@code gsi1sk = <start>#<id>} for the staff's day view, and
 * on the by-subject index {@code gsi2pk = SUBJECT#<subjectId>}, {@code gsi2sk = <start>#<id>} for
 * export and erasure. {@code idempotencyKeyId} names the request's idempotency record, so that
 * erasure can delete it. The
 * personal fields are binary: AES-GCM ciphertext under the data subject's key, never plaintext.
 */
final class BookingItem extends TableItem {
    static final String INDEX_BY_DAY = "byDay";
    static final String INDEX_BY_SUBJECT = "bySubject";

    String gsi1pk;
    String gsi1sk;
    String gsi2pk;
    String gsi2sk;
    String idempotencyKeyId;
    String bookingId;
    String serviceId;
    String resourceId;
    String timeZone;
    String start;
    String end;
    String status;
    String subjectId;
    byte[] customerName;
    byte[] customerEmail;
    byte[] customerPhone;
    byte[] notes;
    String manageTokenHash;
    String createdAt;
    String cancelledAt;

    static final TableSchema<BookingItem> SCHEMA = ItemSchema.of(BookingItem.class, BookingItem::new)
            .indexKey("gsi1pk", INDEX_BY_DAY, true, i -> i.gsi1pk, (i, v) -> i.gsi1pk = v)
            .indexKey("gsi1sk", INDEX_BY_DAY, false, i -> i.gsi1sk, (i, v) -> i.gsi1sk = v)
            .indexKey("gsi2pk", INDEX_BY_SUBJECT, true, i -> i.gsi2pk, (i, v) -> i.gsi2pk = v)
            .indexKey("gsi2sk", INDEX_BY_SUBJECT, false, i -> i.gsi2sk, (i, v) -> i.gsi2sk = v)
            .text("idempotencyKeyId", i -> i.idempotencyKeyId, (i, v) -> i.idempotencyKeyId = v)
            .text("bookingId", i -> i.bookingId, (i, v) -> i.bookingId = v)
            .text("serviceId", i -> i.serviceId, (i, v) -> i.serviceId = v)
            .text("resourceId", i -> i.resourceId, (i, v) -> i.resourceId = v)
            .text("timeZone", i -> i.timeZone, (i, v) -> i.timeZone = v)
            .text("start", i -> i.start, (i, v) -> i.start = v)
            .text("end", i -> i.end, (i, v) -> i.end = v)
            .text("status", i -> i.status, (i, v) -> i.status = v)
            .text("subjectId", i -> i.subjectId, (i, v) -> i.subjectId = v)
            .binary("customerName", i -> i.customerName, (i, v) -> i.customerName = v)
            .binary("customerEmail", i -> i.customerEmail, (i, v) -> i.customerEmail = v)
            .binary("customerPhone", i -> i.customerPhone, (i, v) -> i.customerPhone = v)
            .binary("notes", i -> i.notes, (i, v) -> i.notes = v)
            .text("manageTokenHash", i -> i.manageTokenHash, (i, v) -> i.manageTokenHash = v)
            .text("createdAt", i -> i.createdAt, (i, v) -> i.createdAt = v)
            .text("cancelledAt", i -> i.cancelledAt, (i, v) -> i.cancelledAt = v)
            .build();
}
