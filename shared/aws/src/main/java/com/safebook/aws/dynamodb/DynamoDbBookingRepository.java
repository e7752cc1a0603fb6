package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.DynamoDbKeyTable;
import com.safebook.aws.crypto.FieldLocation;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.PersonalDataCipher;
import com.safebook.aws.crypto.SubjectKey;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.IdempotencyRecord;
import com.safebook.core.catalog.Service;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.privacy.DataSubject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Bookings in DynamoDB. A booking is one {@code TransactWriteItems} request: a check that its
 * service is unchanged, the booking (its personal fields encrypted under the data subject's key),
 * one lock item per granule, the idempotency record, the audit record and the subject's key items,
 * each with a condition, so that the store itself refuses a second booking of the same time, a
 * booking checked against a service that has changed since, and a booking for an erased subject. The schemas map items; the
 * low-level client sends the transaction so that cancellation reasons can be read per item.
 */
public final class DynamoDbBookingRepository implements BookingRepository {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    private static final int ATTEMPTS = 5;
    /** Where a booking's transaction checks its service. */
    private static final int SERVICE_INDEX = 0;

    /** The table's role in the ciphertexts' authenticated data: the same in every stack and restore. */
    static final String TABLE_ROLE = "bookings";

    private final DynamoDbClient dynamoDb;
    private final AuditItems auditItems;
    private final KmsSubjectKeyring keyring;
    private final DynamoDbKeyTable keyTable;
    private final DynamoDbConsentLedger consentLedger;
    private final PersonalDataCipher cipher;
    private final Settings settings;
    private final Clock clock;

    @Inject
    public DynamoDbBookingRepository(
            DynamoDbClient dynamoDb,
            AuditItems auditItems,
            KmsSubjectKeyring keyring,
            DynamoDbKeyTable keyTable,
            DynamoDbConsentLedger consentLedger,
            PersonalDataCipher cipher,
            Settings settings,
            Clock clock) {
        this.dynamoDb = dynamoDb;
        this.auditItems = auditItems;
        this.keyring = keyring;
        this.keyTable = keyTable;
        this.consentLedger = consentLedger;
        this.cipher = cipher;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public CreateOutcome create(
            Service service,
            Booking booking,
            DataSubject subject,
            List<Instant> granules,
            IdempotencyRecord idempotency,
            AuditRecord audit,
            List<ConsentLedger.Append> consents) {
        if (!(subject instanceof SubjectKey key) || !key.subjectId().equals(booking.subjectId())) {
            throw new IllegalArgumentException("The booking's subject must come from the keyring");
        }
        var table = settings.bookingsTable();
        var items = new ArrayList<TransactWriteItem>();
        // First, so that its reason is read first: a stale service may have locked the wrong time.
        items.add(DynamoDbCatalogRepository.unchanged(table, service));
        var sealer = (BookingItems.Sealer) (pk, sk, attribute, plaintext) ->
                cipher.encrypt(key, new FieldLocation(TABLE_ROLE, pk, sk, attribute), plaintext);
        var bookingItem = BookingItems.toItem(booking, sealer);
        bookingItem.idempotencyKeyId = idempotency.keyId();
        items.add(put(table, BookingItem.SCHEMA.itemToMap(bookingItem, true)));
        int lockIndex = items.size();
        for (var granule : granules) {
            items.add(put(table, LockItem.SCHEMA.itemToMap(BookingItems.lock(booking, granule), true)));
        }
        int idempotencyIndex = items.size();
        items.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(IdempotencyItem.SCHEMA.itemToMap(BookingItems.toItem(idempotency), true))
                        .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                        .expressionAttributeValues(
                                Map.of(":now", number(booking.createdAt().getEpochSecond())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build());
        items.add(auditPut(audit));
        items.add(put(table, BookingItems.tokenItem(booking)));
        int subjectIndex = items.size();
        items.addAll(keyTable.subjectWrites(key, booking.expiresAt()));
        int consentIndex = items.size();
        consents.forEach(append -> items.addAll(consentLedger.writes(append)));

        var outcome = transact(items, new CreateOutcome.Created(), reasons -> {
            var idempotencyReason = reasons.size() > idempotencyIndex ? reasons.get(idempotencyIndex) : null;
            if (idempotencyReason != null && CONDITION_FAILED.equals(idempotencyReason.code())) {
                return Optional.of(
                        new CreateOutcome.DuplicateRequest(existingIdempotency(idempotencyReason, idempotency)));
            }
            if (anyHas(reasons, SERVICE_INDEX, SERVICE_INDEX + 1, CONDITION_FAILED)) {
                return Optional.of(new CreateOutcome.ServiceChanged());
            }
            if (anyHas(reasons, lockIndex, idempotencyIndex, CONDITION_FAILED)) {
                return Optional.of(new CreateOutcome.SlotTaken());
            }
            if (anyHas(reasons, subjectIndex, consentIndex, CONDITION_FAILED)) {
                return Optional.of(new CreateOutcome.SubjectChanged());
            }
            return anyHas(reasons, consentIndex, reasons.size(), CONDITION_FAILED)
                    ? Optional.of(new CreateOutcome.ConsentsChanged())
                    : Optional.empty();
        });
        if (outcome instanceof CreateOutcome.Created) {
            keyring.stored(key, booking.expiresAt());
        }
        return outcome;
    }

    @Override
    public Optional<Booking> find(String bookingId, Instant now) {
        return findIfTokenMatches(bookingId, storedHash -> true, now);
    }

    /** The stored hash is compared before the subject's key is fetched or anything is decrypted. */
    @Override
    public Optional<Booking> findIfTokenMatches(String bookingId, Predicate<String> tokenHashMatches, Instant now) {
        var item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(settings.bookingsTable())
                        .key(Map.of(
                                "pk",
                                string(BookingItems.bookingKey(bookingId)),
                                "sk",
                                string(BookingItems.BOOKING_SORT)))
                        .consistentRead(true)
                        .build())
                .item();
        if (item == null || item.isEmpty()) {
            tokenHashMatches.test(null);
            return Optional.empty();
        }
        var stored = BookingItem.SCHEMA.mapToItem(item);
        if (!tokenHashMatches.test(stored.manageTokenHash)) {
            return Optional.empty();
        }
        return open(stored, now);
    }

    /**
     * The day's keys come from the {@code byDay} index (keys only, by start); the bookings are then
     * read consistently in batches, so that the list shows what {@link #find} would.
     */
    @Override
    public List<Booking> onDay(LocalDate day, int limit, Instant now) {
        var keys = new ArrayList<Map<String, AttributeValue>>();
        var request = QueryRequest.builder()
                .tableName(settings.bookingsTable())
                .indexName(BookingItem.INDEX_BY_DAY)
                .keyConditionExpression("gsi1pk = :day")
                .expressionAttributeValues(Map.of(":day", string(BookingItems.dayKey(day))))
                .limit(Math.min(limit, 1000))
                .build();
        for (var page : dynamoDb.queryPaginator(request)) {
            for (var item : page.items()) {
                if (keys.size() < limit) {
                    keys.add(Map.of("pk", item.get("pk"), "sk", item.get("sk")));
                }
            }
            if (keys.size() >= limit) {
                break;
            }
        }
        var byKey = new HashMap<String, Map<String, AttributeValue>>();
        ConsistentBatchGet.items(dynamoDb, settings.bookingsTable(), keys)
                .forEach(item -> byKey.put(item.get("pk").s(), item));
        var stored = new ArrayList<BookingItem>();
        for (var key : keys) {
            var item = byKey.get(key.get("pk").s());
            if (item != null) {
                stored.add(BookingItem.SCHEMA.mapToItem(item));
            }
        }
        // The customers' keys at once: one read of the key table and concurrent unwraps, not two round trips each.
        var subjectKeys = keyring.keysOf(stored.stream()
                .filter(booking -> unexpired(booking, now))
                .map(booking -> booking.subjectId)
                .toList());
        var bookings = new ArrayList<Booking>();
        for (var booking : stored) {
            open(booking, now, Optional.ofNullable(subjectKeys.get(booking.subjectId)))
                    .ifPresent(bookings::add);
        }
        return bookings;
    }

    /** The booking an item holds, decrypted, unless it has expired or its subject's key is gone. */
    private Optional<Booking> open(BookingItem stored, Instant now) {
        return unexpired(stored, now) ? open(stored, now, keyring.keyOf(stored.subjectId)) : Optional.empty();
    }

    /** TTL deletion lags by up to days: an expired booking is gone as far as anyone can tell. */
    private static boolean unexpired(BookingItem stored, Instant now) {
        return stored.expiresAt != null && stored.expiresAt > now.getEpochSecond();
    }

    private Optional<Booking> open(BookingItem stored, Instant now, Optional<SubjectKey> subjectKey) {
        if (!unexpired(stored, now)) {
            return Optional.empty();
        }
        // Without its subject's key (erased, or expired) nothing of the booking can be read.
        return subjectKey.map(key -> BookingItems.toBooking(
                stored,
                (pk, sk, attribute, ciphertext) ->
                        cipher.decrypt(key, new FieldLocation(TABLE_ROLE, pk, sk, attribute), ciphertext)));
    }

    @Override
    public Optional<Booking> findByManageToken(String tokenHash, Instant now) {
        var item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(settings.bookingsTable())
                        .key(Map.of(
                                "pk", string(BookingItems.tokenKey(tokenHash)), "sk", string(BookingItems.TOKEN_SORT)))
                        .consistentRead(true)
                        .build())
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return find(item.get("bookingId").s(), now);
    }

    @Override
    public CancelOutcome cancel(Booking cancelled, List<Instant> granules, AuditRecord audit) {
        var table = settings.bookingsTable();
        var items = new ArrayList<TransactWriteItem>();
        items.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(Map.of(
                                "pk",
                                string(BookingItems.bookingKey(cancelled.bookingId())),
                                "sk",
                                string(BookingItems.BOOKING_SORT)))
                        .updateExpression("SET #status = :cancelled, cancelledAt = :at")
                        .conditionExpression("#status = :confirmed")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(
                                ":cancelled", string(cancelled.status().name()),
                                ":confirmed", string("CONFIRMED"),
                                ":at",
                                        string(cancelled
                                                .cancelledAt()
                                                .orElseThrow()
                                                .toString())))
                        .build())
                .build());
        for (var granule : granules) {
            items.add(TransactWriteItem.builder()
                    .delete(Delete.builder()
                            .tableName(table)
                            .key(Map.of(
                                    "pk",
                                    string(BookingItems.lockPartition(cancelled.resourceId(), granule)),
                                    "sk",
                                    string(BookingItems.lockSort(granule))))
                            // Never free a lock that another booking holds.
                            .conditionExpression("attribute_not_exists(pk) OR bookingId = :id")
                            .expressionAttributeValues(Map.of(":id", string(cancelled.bookingId())))
                            .build())
                    .build());
        }
        items.add(auditPut(audit));
        return transact(
                items,
                CancelOutcome.CANCELLED,
                reasons -> !reasons.isEmpty()
                                && CONDITION_FAILED.equals(reasons.getFirst().code())
                        ? Optional.of(CancelOutcome.ALREADY_CANCELLED)
                        : Optional.empty());
    }

    @Override
    public Set<Instant> takenGranules(String resourceId, Instant from, Instant to) {
        var taken = new HashSet<Instant>();
        var now = clock.instant().getEpochSecond();
        var last = YearMonth.from(to.minusSeconds(1).atZone(ZoneOffset.UTC));
        for (var month = YearMonth.from(from.atZone(ZoneOffset.UTC));
                !month.isAfter(last);
                month = month.plusMonths(1)) {
            var partition = BookingItems.lockPartition(
                    resourceId, month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            var request = QueryRequest.builder()
                    .tableName(settings.bookingsTable())
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(
                            ":pk", string(partition),
                            ":from", string(BookingItems.lockSort(from)),
                            ":to", string(BookingItems.lockSort(to.minusSeconds(60)))))
                    .projectionExpression("sk, expiresAt")
                    .build();
            for (var page : dynamoDb.queryPaginator(request)) {
                for (var item : page.items()) {
                    var expiresAt = item.get("expiresAt");
                    if (expiresAt == null || Long.parseLong(expiresAt.n()) > now) {
                        taken.add(BookingItems.granule(item.get("sk").s()));
                    }
                }
            }
        }
        return taken;
    }

    /**
     * Sends the transaction. A cancellation is first read by {@code onCancel}; one that only
     * collided with a concurrent transaction is retried with jittered back-off, a few times.
     */
    private <T> T transact(
            List<TransactWriteItem> items, T committed, Function<List<CancellationReason>, Optional<T>> onCancel) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(
                        TransactWriteItemsRequest.builder().transactItems(items).build());
                return committed;
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                var outcome = onCancel.apply(reasons);
                if (outcome.isPresent()) {
                    return outcome.get();
                }
                if (attempt >= ATTEMPTS || !anyHas(reasons, 0, reasons.size(), CONFLICT)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private IdempotencyRecord existingIdempotency(CancellationReason reason, IdempotencyRecord attempted) {
        var old = reason.item();
        if (old == null || old.isEmpty()) {
            old = dynamoDb.getItem(GetItemRequest.builder()
                            .tableName(settings.bookingsTable())
                            .key(Map.of(
                                    "pk",
                                    string("IDEMPOTENCY#" + attempted.keyId()),
                                    "sk",
                                    string(BookingItems.IDEMPOTENCY_SORT)))
                            .consistentRead(true)
                            .build())
                    .item();
        }
        return BookingItems.toRecord(IdempotencyItem.SCHEMA.mapToItem(old));
    }

    private TransactWriteItem auditPut(AuditRecord audit) {
        var item = auditItems.toItem(audit, settings.retention().audit());
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(settings.auditTable())
                        .item(AuditItem.SCHEMA.itemToMap(item, true))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build();
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build();
    }

    private static boolean anyHas(List<CancellationReason> reasons, int from, int to, String code) {
        for (int i = from; i < Math.min(to, reasons.size()); i++) {
            if (code.equals(reasons.get(i).code())) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", e);
        }
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
