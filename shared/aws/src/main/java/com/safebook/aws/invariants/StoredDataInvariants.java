package com.safebook.aws.invariants;

import com.safebook.core.availability.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Checks what must hold of SafeBook's stored data, whatever crashed, timed out or raced while it
 * was written (see {@link Invariant}): every confirmed booking holds its slot locks and every lock
 * belongs to one; every booking, cancellation and erasure has its audit record; every lookup
 * (manage token, idempotency record, erasure receipt) points to what it names; every erasure
 * completes, and leaves nothing of the person behind; every booking's subject has its key.
 *
 * <p>It only reads: one paged Scan per table ({@code dynamodb:Scan} on the three tables is all it
 * needs), projected so that no ciphertext or key material is read. Violations name items by key.
 * A scan is not a snapshot: on a live system, a booking written or erased while the scans run may
 * show as a violation once; a real one is there again on the next run.
 *
 * <p>Items whose TTL ({@code expiresAt}) has passed count as gone, as they do for the functions,
 * whether or not DynamoDB has deleted them yet. The items of a person whose erasure is under way
 * are the erasure's business: they are reported as one pending erasure (with its age) until the
 * grace period ends, and then as a stalled erasure.
 */
public final class StoredDataInvariants {
    /** Longer than any function runs (the API's limit is 29 s): an erasure this old is not running. */
    public static final Duration DEFAULT_ERASURE_GRACE = Duration.ofMinutes(15);

    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    /** The tables, by name, as the template's {@code BOOKINGS_TABLE}, {@code AUDIT_TABLE}, {@code KEYS_TABLE}. */
    public record Tables(String bookings, String audit, String keys) {
        public Tables {
            Objects.requireNonNull(bookings);
            Objects.requireNonNull(audit);
            Objects.requireNonNull(keys);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final Tables tables;
    private final Clock clock;
    private final Duration erasureGrace;

    public StoredDataInvariants(DynamoDbClient dynamoDb, Tables tables, Clock clock, Duration erasureGrace) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.clock = clock;
        this.erasureGrace = erasureGrace;
    }

    public InvariantReport check() {
        var now = clock.instant();
        var stored = StoredItems.read(dynamoDb, tables, now);
        var found = new Findings(stored, now);
        found.violations.addAll(stored.malformed);
        found.erasures();
        found.bookings();
        found.locks();
        found.tokens();
        found.idempotencyRecords();
        found.receipts();
        found.consents();
        found.violations.sort(Comparator.comparing(InvariantViolation::invariant)
                .thenComparing(InvariantViolation::table)
                .thenComparing(InvariantViolation::itemKey));
        return new InvariantReport(now, stored.scanned, found.violations, found.pending);
    }

    /** One run's findings, rule by rule. */
    private final class Findings {
        private final StoredItems stored;
        private final Instant now;
        private final List<InvariantViolation> violations = new ArrayList<>();
        private final List<PendingErasure> pending = new ArrayList<>();
        /** Each lock by its key, to find a booking's. */
        private final Map<String, StoredItems.Lock> locksByKey = new HashMap<>();

        Findings(StoredItems stored, Instant now) {
            this.stored = stored;
            this.now = now;
            stored.locks.forEach(lock -> locksByKey.put(lock.key(), lock));
        }

        void erasures() {
            for (var erasure : stored.erasures.values()) {
                if (erasure.complete()) {
                    if (!stored.erasureAudited.contains(erasure.subjectId())) {
                        violation(
                                Invariant.ERASURE_AUDITED,
                                tables.keys(),
                                erasure.key(),
                                "no ErasePersonalData record names subject " + erasure.subjectId());
                    }
                } else {
                    var age = Duration.between(erasure.erasedAt(), now);
                    if (age.compareTo(erasureGrace) > 0) {
                        violation(
                                Invariant.ERASURE_COMPLETES,
                                tables.keys(),
                                erasure.key(),
                                "begun at " + erasure.erasedAt() + " (" + age.toSeconds()
                                        + " s ago) and not completed: retrying it with any of the person's"
                                        + " manage tokens, or by their email as an admin, completes it");
                    } else {
                        pending.add(new PendingErasure(tables.keys(), erasure.key(), erasure.erasedAt(), age));
                    }
                }
                // The key goes in the erasure's first transaction, with the erasure record itself.
                var key = stored.subjectKeys.get(erasure.subjectId());
                if (key != null) {
                    violation(
                            Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                            tables.keys(),
                            key.key(),
                            "the key of subject " + erasure.subjectId() + ", erased at " + erasure.erasedAt());
                }
            }
        }

        void bookings() {
            for (var booking : stored.bookings.values()) {
                var erasure = stored.erasures.get(booking.subjectId());
                if (erasure != null) {
                    if (erasure.complete()) {
                        violation(
                                Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                                tables.bookings(),
                                booking.key(),
                                "a booking of subject " + booking.subjectId() + ", erased at " + erasure.erasedAt());
                    }
                    continue; // under way: the erasure removes it
                }
                if (booking.confirmed()) {
                    holdsItsLocks(booking);
                }
                var token = stored.tokens.get(booking.manageTokenHash());
                if (token == null || !token.bookingId().equals(booking.bookingId())) {
                    violation(
                            Invariant.BOOKING_HAS_ITS_TOKEN_LOOKUP,
                            tables.bookings(),
                            booking.key(),
                            token == null
                                    ? "no TOKEN#" + booking.manageTokenHash()
                                    : "TOKEN#" + booking.manageTokenHash() + " points to booking " + token.bookingId());
                }
                var key = stored.subjectKeys.get(booking.subjectId());
                if (key == null) {
                    violation(
                            Invariant.BOOKING_HAS_ITS_SUBJECT_KEY,
                            tables.bookings(),
                            booking.key(),
                            "subject " + booking.subjectId() + " has no key (SUBJECT#" + booking.subjectId()
                                    + "): the booking cannot be read");
                } else if (key.expiresAt() < booking.expiresAt()) {
                    violation(
                            Invariant.BOOKING_HAS_ITS_SUBJECT_KEY,
                            tables.bookings(),
                            booking.key(),
                            "the key of subject " + booking.subjectId() + " expires at "
                                    + Instant.ofEpochSecond(key.expiresAt()) + ", before the booking does at "
                                    + Instant.ofEpochSecond(booking.expiresAt()));
                }
                if (!stored.creationAudited.contains(booking.bookingId())) {
                    violation(
                            Invariant.BOOKING_CREATION_AUDITED,
                            tables.bookings(),
                            booking.key(),
                            "no CreateBooking record names booking " + booking.bookingId());
                }
                if (!booking.confirmed() && !stored.cancellationAudited.contains(booking.bookingId())) {
                    violation(
                            Invariant.CANCELLATION_AUDITED,
                            tables.bookings(),
                            booking.key(),
                            "the booking is " + booking.status()
                                    + " and no CancelBooking or StaffCancelBooking record names it");
                }
            }
        }

        private void holdsItsLocks(StoredItems.Booking booking) {
            for (var granule : Schedule.granules(booking.start(), booking.end())) {
                var lockKey = lockKey(booking.resourceId(), granule);
                var lock = locksByKey.get(lockKey);
                if (lock == null) {
                    violation(
                            Invariant.BOOKING_HOLDS_ITS_LOCKS, tables.bookings(), booking.key(), "no lock " + lockKey);
                } else if (!lock.bookingId().equals(booking.bookingId())) {
                    violation(
                            Invariant.BOOKING_HOLDS_ITS_LOCKS,
                            tables.bookings(),
                            booking.key(),
                            "the lock " + lockKey + " is held by booking " + lock.bookingId());
                }
            }
        }

        void locks() {
            for (var lock : stored.locks) {
                var booking = stored.bookings.get(lock.bookingId());
                if (booking == null) {
                    violation(
                            Invariant.LOCK_BELONGS_TO_A_BOOKING,
                            tables.bookings(),
                            lock.key(),
                            "held for booking " + lock.bookingId() + ", which does not exist (or has expired)");
                    continue;
                }
                var erasure = stored.erasures.get(booking.subjectId());
                if (erasure != null) {
                    if (erasure.complete()) {
                        violation(
                                Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                                tables.bookings(),
                                lock.key(),
                                "held for booking " + booking.bookingId() + " of subject " + booking.subjectId()
                                        + ", erased at " + erasure.erasedAt());
                    }
                    continue;
                }
                if (!booking.confirmed()) {
                    violation(
                            Invariant.LOCK_BELONGS_TO_A_BOOKING,
                            tables.bookings(),
                            lock.key(),
                            "held for booking " + booking.bookingId() + ", which is " + booking.status());
                } else if (!booking.resourceId().equals(lock.resourceId())
                        || lock.granule().isBefore(booking.start())
                        || !lock.granule().isBefore(booking.end())) {
                    violation(
                            Invariant.LOCK_BELONGS_TO_A_BOOKING,
                            tables.bookings(),
                            lock.key(),
                            "held for booking " + booking.bookingId() + ", which is of another resource or time");
                }
            }
        }

        void tokens() {
            for (var token : stored.tokens.values()) {
                var erasure = stored.erasures.get(token.subjectId());
                if (erasure != null && erasure.complete()) {
                    violation(
                            Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                            tables.bookings(),
                            token.key(),
                            "a manage-token lookup of subject " + token.subjectId() + ", erased at "
                                    + erasure.erasedAt());
                    continue;
                }
                var booking = stored.bookings.get(token.bookingId());
                if (booking == null) {
                    if (!stored.receipts.containsKey(token.tokenHash())) {
                        violation(
                                Invariant.TOKEN_POINTS_TO_A_BOOKING,
                                tables.bookings(),
                                token.key(),
                                "points to booking " + token.bookingId()
                                        + ", which does not exist (or has expired), and to no erasure receipt");
                    }
                } else if (!booking.manageTokenHash().equals(token.tokenHash())
                        || !booking.subjectId().equals(token.subjectId())) {
                    violation(
                            Invariant.TOKEN_POINTS_TO_A_BOOKING,
                            tables.bookings(),
                            token.key(),
                            "points to booking " + token.bookingId() + ", whose token or subject is another");
                }
            }
        }

        void idempotencyRecords() {
            for (var record : stored.idempotency) {
                if (!stored.bookings.containsKey(record.bookingId())) {
                    violation(
                            Invariant.IDEMPOTENCY_POINTS_TO_A_BOOKING,
                            tables.bookings(),
                            record.key(),
                            "points to booking " + record.bookingId() + ", which does not exist (or has expired)");
                }
            }
        }

        void receipts() {
            for (var receipt : stored.receipts.values()) {
                if (!stored.erasures.containsKey(receipt.subjectId())) {
                    violation(
                            Invariant.RECEIPT_POINTS_TO_AN_ERASURE,
                            tables.keys(),
                            receipt.key(),
                            "points to the erasure of subject " + receipt.subjectId() + ", which has no ERASURE#"
                                    + receipt.subjectId());
                }
            }
        }

        void consents() {
            for (var consent : stored.consents) {
                var erasure = stored.erasures.get(consent.subjectId());
                if (erasure != null && erasure.complete()) {
                    violation(
                            Invariant.NOTHING_LEFT_OF_AN_ERASED_SUBJECT,
                            tables.bookings(),
                            consent.key(),
                            "a consent record of subject " + consent.subjectId() + ", erased at " + erasure.erasedAt());
                }
            }
        }

        private void violation(Invariant invariant, String table, String itemKey, String detail) {
            violations.add(new InvariantViolation(invariant, table, itemKey, detail));
        }
    }

    private static String lockKey(String resourceId, Instant granule) {
        return "LOCK#" + resourceId + "#" + MONTH.format(granule) + "/" + MINUTE.format(granule);
    }
}
