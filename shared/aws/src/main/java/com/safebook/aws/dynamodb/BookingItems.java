package com.safebook.aws.dynamodb;

import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.Customer;
import com.safebook.core.booking.IdempotencyRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps bookings, their locks and idempotency records to items and back. */
final class BookingItems {
    static final String BOOKING_SORT = "BOOKING";
    static final String IDEMPOTENCY_SORT = "IDEMPOTENCY";
    static final String TOKEN_SORT = "TOKEN";
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private BookingItems() {}

    static String bookingKey(String bookingId) {
        return "BOOKING#" + bookingId;
    }

    /** A subject's partition on the by-subject index. */
    static String subjectPartition(String subjectId) {
        return "SUBJECT#" + subjectId;
    }

    /** The manage token's lookup item, by the token's SHA-256 (the token itself is never stored). */
    static String tokenKey(String tokenHash) {
        return "TOKEN#" + tokenHash;
    }

    static Map<String, AttributeValue> tokenItem(Booking booking) {
        return Map.of(
                "pk", AttributeValue.fromS(tokenKey(booking.manageTokenHash())),
                "sk", AttributeValue.fromS(TOKEN_SORT),
                "bookingId", AttributeValue.fromS(booking.bookingId()),
                "subjectId", AttributeValue.fromS(booking.subjectId()),
                "expiresAt",
                        AttributeValue.fromN(Long.toString(booking.expiresAt().getEpochSecond())));
    }

    /** The {@code byDay} index's partition: the day of the start in the service's time zone. */
    static String dayKey(LocalDate day) {
        return "DAY#" + day;
    }

    static String lockPartition(String resourceId, Instant granule) {
        return "LOCK#" + resourceId + "#" + MONTH.format(granule);
    }

    static String lockSort(Instant granule) {
        return MINUTE.format(granule);
    }

    static Instant granule(String lockSort) {
        return Instant.from(MINUTE.parse(lockSort));
    }

    /** Encrypts one personal attribute of an item: (attribute name, plaintext) to ciphertext. */
    interface Sealer {
        byte[] seal(String pk, String sk, String attribute, String plaintext);
    }

    /** Decrypts one personal attribute of an item: (attribute name, ciphertext) to plaintext. */
    interface Opener {
        String open(String pk, String sk, String attribute, byte[] ciphertext);
    }

    static BookingItem toItem(Booking booking, Sealer sealer) {
        var item = new BookingItem();
        item.pk = bookingKey(booking.bookingId());
        item.sk = BOOKING_SORT;
        item.gsi1pk = dayKey(booking.localStart().toLocalDate());
        item.gsi1sk = booking.start() + "#" + booking.bookingId();
        item.gsi2pk = subjectPartition(booking.subjectId());
        item.gsi2sk = item.gsi1sk;
        item.bookingId = booking.bookingId();
        item.serviceId = booking.serviceId();
        item.resourceId = booking.resourceId();
        item.timeZone = booking.timeZone().getId();
        item.start = booking.start().toString();
        item.end = booking.end().toString();
        item.status = booking.status().name();
        item.subjectId = booking.subjectId();
        item.customerName =
                sealer.seal(item.pk, item.sk, "customerName", booking.customer().name());
        item.customerEmail = sealer.seal(
                item.pk, item.sk, "customerEmail", booking.customer().email());
        item.customerPhone = booking.customer()
                .phone()
                .map(phone -> sealer.seal(item.pk, item.sk, "customerPhone", phone))
                .orElse(null);
        item.notes = booking.notes()
                .map(notes -> sealer.seal(item.pk, item.sk, "notes", notes))
                .orElse(null);
        item.manageTokenHash = booking.manageTokenHash();
        item.createdAt = booking.createdAt().toString();
        item.cancelledAt = booking.cancelledAt().map(Instant::toString).orElse(null);
        item.expiresAt = booking.expiresAt().getEpochSecond();
        return item;
    }

    static Booking toBooking(BookingItem item, Opener opener) {
        return new Booking(
                item.bookingId,
                item.serviceId,
                item.resourceId,
                ZoneId.of(item.timeZone),
                Instant.parse(item.start),
                Instant.parse(item.end),
                BookingStatus.valueOf(item.status),
                item.subjectId,
                new Customer(
                        opener.open(item.pk, item.sk, "customerName", item.customerName),
                        opener.open(item.pk, item.sk, "customerEmail", item.customerEmail),
                        Optional.ofNullable(item.customerPhone)
                                .map(phone -> opener.open(item.pk, item.sk, "customerPhone", phone))),
                Optional.ofNullable(item.notes).map(notes -> opener.open(item.pk, item.sk, "notes", notes)),
                item.manageTokenHash,
                Instant.parse(item.createdAt),
                Optional.ofNullable(item.cancelledAt).map(Instant::parse),
                Instant.ofEpochSecond(item.expiresAt));
    }

    static LockItem lock(Booking booking, Instant granule) {
        var item = new LockItem();
        item.pk = lockPartition(booking.resourceId(), granule);
        item.sk = lockSort(granule);
        item.bookingId = booking.bookingId();
        item.expiresAt = booking.expiresAt().getEpochSecond();
        return item;
    }

    static IdempotencyItem toItem(IdempotencyRecord record) {
        var item = new IdempotencyItem();
        item.pk = "IDEMPOTENCY#" + record.keyId();
        item.sk = IDEMPOTENCY_SORT;
        item.fingerprint = record.fingerprint();
        item.bookingId = record.bookingId();
        item.serviceId = record.serviceId();
        item.start = record.start().toString();
        item.end = record.end().toString();
        item.timeZone = record.timeZone();
        item.sealedToken = record.sealedToken();
        item.expiresAt = record.expiresAt().getEpochSecond();
        return item;
    }

    static IdempotencyRecord toRecord(IdempotencyItem item) {
        return new IdempotencyRecord(
                item.pk.substring("IDEMPOTENCY#".length()),
                item.fingerprint,
                item.bookingId,
                item.serviceId,
                Instant.parse(item.start),
                Instant.parse(item.end),
                item.timeZone,
                item.sealedToken,
                Instant.ofEpochSecond(item.expiresAt));
    }
}
