package com.safebook.aws.dynamodb;

import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.Customer;
import com.safebook.core.booking.IdempotencyRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Maps bookings, their locks and idempotency records to items and back. */
final class BookingItems {
    static final String BOOKING_SORT = "BOOKING";
    static final String IDEMPOTENCY_SORT = "IDEMPOTENCY";
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private BookingItems() {}

    static String bookingKey(String bookingId) {
        return "BOOKING#" + bookingId;
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

    static BookingItem toItem(Booking booking) {
        var item = new BookingItem();
        item.pk = bookingKey(booking.bookingId());
        item.sk = BOOKING_SORT;
        item.gsi1pk = "DAY#" + booking.localStart().toLocalDate();
        item.gsi1sk = booking.start() + "#" + booking.bookingId();
        item.bookingId = booking.bookingId();
        item.serviceId = booking.serviceId();
        item.resourceId = booking.resourceId();
        item.timeZone = booking.timeZone().getId();
        item.start = booking.start().toString();
        item.end = booking.end().toString();
        item.status = booking.status().name();
        item.customerName = booking.customer().name();
        item.customerEmail = booking.customer().email();
        item.customerPhone = booking.customer().phone().orElse(null);
        item.notes = booking.notes().orElse(null);
        item.manageTokenHash = booking.manageTokenHash();
        item.createdAt = booking.createdAt().toString();
        item.cancelledAt = booking.cancelledAt().map(Instant::toString).orElse(null);
        item.expiresAt = booking.expiresAt().getEpochSecond();
        return item;
    }

    static Booking toBooking(BookingItem item) {
        return new Booking(
                item.bookingId,
                item.serviceId,
                item.resourceId,
                ZoneId.of(item.timeZone),
                Instant.parse(item.start),
                Instant.parse(item.end),
                BookingStatus.valueOf(item.status),
                new Customer(item.customerName, item.customerEmail, Optional.ofNullable(item.customerPhone)),
                Optional.ofNullable(item.notes),
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
