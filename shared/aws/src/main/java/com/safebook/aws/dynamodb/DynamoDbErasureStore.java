package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.DynamoDbKeyTable;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.erasure.ErasedItem;
import com.safebook.core.erasure.Erasure;
import com.safebook.core.erasure.ErasureStore;
import com.safebook.core.erasure.PersonalDataIndex;
import com.safebook.core.erasure.SubjectBooking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Erasure in DynamoDB. The erasure record lives in the key table, {@code pk = ERASURE#<subjectId>},
 * written in the same transaction that deletes the subject's key items, together with one receipt
 * lookup {@code ERASURE-TOKEN#<token hash>} per manage token, so that a retry with any of them finds
 * it. Every later removal is a transaction of the conditional delete and the increment of its
 * counter on the erasure record: a retry counts nothing twice. The erasure record and the lookups
 * hold no personal data and are kept as long as audit records.
 */
public final class DynamoDbErasureStore implements ErasureStore, PersonalDataIndex {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    private static final int ATTEMPTS = 5;
    /** A transaction holds at most 100 writes; the rest of the tokens are found by their own items. */
    private static final int MAX_TOKEN_LOOKUPS = 90;

    private final DynamoDbClient dynamoDb;
    private final DynamoDbKeyTable keyTable;
    private final KmsSubjectKeyring keyring;
    private final AuditItems auditItems;
    private final Settings settings;

    @Inject
    public DynamoDbErasureStore(
            DynamoDbClient dynamoDb,
            DynamoDbKeyTable keyTable,
            KmsSubjectKeyring keyring,
            AuditItems auditItems,
            Settings settings) {
        this.dynamoDb = dynamoDb;
        this.keyTable = keyTable;
        this.keyring = keyring;
        this.auditItems = auditItems;
        this.settings = settings;
    }

    @Override
    public List<SubjectBooking> bookingsOf(String subjectId) {
        var found = new ArrayList<SubjectBooking>();
        for (var page : dynamoDb.queryPaginator(r -> r.tableName(settings.bookingsTable())
                .indexName(BookingItem.INDEX_BY_SUBJECT)
                .keyConditionExpression("gsi2pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(BookingItems.subjectPartition(subjectId)))))) {
            for (var key : page.items()) {
                // The index is eventually consistent: the item itself decides.
                var item = dynamoDb.getItem(r -> r.tableName(settings.bookingsTable())
                                .key(Map.of("pk", key.get("pk"), "sk", key.get("sk")))
                                .consistentRead(true))
                        .item();
                if (item == null || item.isEmpty() || !subjectId.equals(text(item, "subjectId"))) {
                    continue;
                }
                found.add(new SubjectBooking(
                        text(item, "bookingId"),
                        text(item, "resourceId"),
                        Instant.parse(text(item, "start")),
                        Instant.parse(text(item, "end")),
                        BookingStatus.valueOf(text(item, "status")),
                        text(item, "manageTokenHash"),
                        Optional.ofNullable(text(item, "idempotencyKeyId"))));
            }
        }
        return found;
    }

    @Override
    public Optional<String> subjectOfToken(String tokenHash, Instant now) {
        var item = dynamoDb.getItem(r -> r.tableName(settings.bookingsTable())
                        .key(Map.of("pk", s(BookingItems.tokenKey(tokenHash)), "sk", s(BookingItems.TOKEN_SORT)))
                        .consistentRead(true))
                .item();
        if (item == null
                || item.isEmpty()
                || Long.parseLong(item.get("expiresAt").n()) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(item.get("subjectId").s());
    }

    @Override
    public Optional<String> subjectOfEmail(String email) {
        return keyring.subjectOf(email);
    }

    @Override
    public Optional<Erasure> find(String subjectId) {
        var item = dynamoDb.getItem(r -> r.tableName(settings.keysTable())
                        .key(Map.of("pk", s(erasureKey(subjectId))))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(erasure(item));
    }

    @Override
    public Optional<Erasure> findByToken(String tokenHash) {
        var item = dynamoDb.getItem(r -> r.tableName(settings.keysTable())
                        .key(Map.of("pk", s(receiptKey(tokenHash))))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty()
                ? Optional.empty()
                : find(item.get("subjectId").s());
    }

    @Override
    public Erasure destroyKey(String subjectId, Collection<String> tokenHashes, String erasureId, Instant at) {
        for (int attempt = 1; ; attempt++) {
            var existing = find(subjectId);
            if (existing.isPresent()) {
                return existing.get();
            }
            var deletes = keyTable.subjectDeletes(subjectId);
            var expiresAt = n(at.plus(settings.retention().audit()).getEpochSecond());
            var record = new HashMap<String, AttributeValue>();
            record.put("pk", s(erasureKey(subjectId)));
            record.put("erasureId", s(erasureId));
            record.put("subjectId", s(subjectId));
            record.put("erasedAt", s(at.toString()));
            record.put("cancelledBookings", n(0));
            for (var kind : ErasedItem.values()) {
                record.put(counter(kind), n(kind == ErasedItem.SUBJECT_KEY ? deletes.size() : 0));
            }
            record.put("expiresAt", expiresAt);
            var writes = new ArrayList<TransactWriteItem>();
            writes.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(settings.keysTable())
                            .item(record)
                            .conditionExpression("attribute_not_exists(pk)")
                            .build())
                    .build());
            writes.addAll(deletes);
            tokenHashes.stream()
                    .distinct()
                    .limit(MAX_TOKEN_LOOKUPS)
                    .forEach(hash -> writes.add(TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(settings.keysTable())
                                    .item(Map.of(
                                            "pk", s(receiptKey(hash)),
                                            "subjectId", s(subjectId),
                                            "expiresAt", expiresAt))
                                    .build())
                            .build()));
            try {
                dynamoDb.transactWriteItems(r -> r.transactItems(writes));
                keyring.forget(subjectId);
                return find(subjectId).orElseThrow();
            } catch (TransactionCanceledException e) {
                // Another erasure came first, or a key item changed (TTL) since it was read: read again.
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public boolean cancel(String subjectId, SubjectBooking booking, Instant at) {
        var update = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(settings.bookingsTable())
                        .key(bookingKey(booking.bookingId()))
                        .updateExpression("SET #status = :cancelled, cancelledAt = :at")
                        .conditionExpression("#status = :confirmed")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(
                                ":cancelled", s(BookingStatus.CANCELLED.name()),
                                ":confirmed", s(BookingStatus.CONFIRMED.name()),
                                ":at", s(at.toString())))
                        .build())
                .build();
        return counted(update, subjectId, "cancelledBookings");
    }

    @Override
    public int freeLocks(String subjectId, SubjectBooking booking, List<Instant> granules) {
        int freed = 0;
        for (var granule : granules) {
            var delete = delete(
                    Map.of(
                            "pk", s(BookingItems.lockPartition(booking.resourceId(), granule)),
                            "sk", s(BookingItems.lockSort(granule))),
                    // Never free a lock that another booking holds.
                    "bookingId = :v",
                    booking.bookingId());
            if (counted(delete, subjectId, counter(ErasedItem.SLOT_LOCK))) {
                freed++;
            }
        }
        return freed;
    }

    @Override
    public boolean deleteToken(String subjectId, String tokenHash) {
        var delete = delete(
                Map.of("pk", s(BookingItems.tokenKey(tokenHash)), "sk", s(BookingItems.TOKEN_SORT)),
                "subjectId = :v",
                subjectId);
        return counted(delete, subjectId, counter(ErasedItem.MANAGE_TOKEN));
    }

    @Override
    public boolean deleteIdempotency(String subjectId, String keyId) {
        var delete = TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(settings.bookingsTable())
                        .key(Map.of("pk", s("IDEMPOTENCY#" + keyId), "sk", s(BookingItems.IDEMPOTENCY_SORT)))
                        .conditionExpression("attribute_exists(pk)")
                        .build())
                .build();
        return counted(delete, subjectId, counter(ErasedItem.IDEMPOTENCY_RECORD));
    }

    @Override
    public boolean deleteBooking(String subjectId, SubjectBooking booking) {
        var delete = delete(bookingKey(booking.bookingId()), "subjectId = :v", subjectId);
        return counted(delete, subjectId, counter(ErasedItem.BOOKING));
    }

    @Override
    public void counted(String subjectId, ErasedItem kind, int count) {
        dynamoDb.updateItem(r -> r.tableName(settings.keysTable())
                .key(Map.of("pk", s(erasureKey(subjectId))))
                .updateExpression("ADD #c :n")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#c", counter(kind)))
                .expressionAttributeValues(Map.of(":n", n(count))));
    }

    @Override
    public Erasure complete(String subjectId, Instant at, AuditRecord audit) {
        var writes = List.of(
                TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(settings.keysTable())
                                .key(Map.of("pk", s(erasureKey(subjectId))))
                                .updateExpression("SET completedAt = :at")
                                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(completedAt)")
                                .expressionAttributeValues(Map.of(":at", s(at.toString())))
                                .build())
                        .build(),
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(settings.auditTable())
                                .item(AuditItem.SCHEMA.itemToMap(
                                        auditItems.toItem(
                                                audit, settings.retention().audit()),
                                        true))
                                .conditionExpression("attribute_not_exists(pk)")
                                .build())
                        .build());
        transact(writes);
        return find(subjectId).orElseThrow();
    }

    /**
     * Sends the removal with its counter's increment; false, with nothing written, if the removal's
     * condition failed (the item is gone, or not this subject's).
     */
    private boolean counted(TransactWriteItem removal, String subjectId, String counter) {
        var increment = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(settings.keysTable())
                        .key(Map.of("pk", s(erasureKey(subjectId))))
                        .updateExpression("ADD #c :one")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#c", counter))
                        .expressionAttributeValues(Map.of(":one", n(1)))
                        .build())
                .build();
        return transact(List.of(removal, increment));
    }

    /** True if committed; false if the first write's condition failed. Conflicts are retried. */
    private boolean transact(List<TransactWriteItem> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(r -> r.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                if (!reasons.isEmpty()
                        && CONDITION_FAILED.equals(reasons.getFirst().code())) {
                    return false;
                }
                boolean conflict = reasons.stream().anyMatch(reason -> CONFLICT.equals(reason.code()));
                if (!conflict || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key, String condition, String value) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(settings.bookingsTable())
                        .key(key)
                        .conditionExpression(condition)
                        .expressionAttributeValues(Map.of(":v", s(value)))
                        .build())
                .build();
    }

    private static Erasure erasure(Map<String, AttributeValue> item) {
        var removed = new EnumMap<ErasedItem, Integer>(ErasedItem.class);
        for (var kind : ErasedItem.values()) {
            var count = item.get(counter(kind));
            removed.put(kind, count == null ? 0 : Integer.parseInt(count.n()));
        }
        return new Erasure(
                item.get("erasureId").s(),
                item.get("subjectId").s(),
                Instant.parse(item.get("erasedAt").s()),
                removed,
                Integer.parseInt(item.get("cancelledBookings").n()),
                Optional.ofNullable(item.get("completedAt")).map(v -> Instant.parse(v.s())));
    }

    private static Map<String, AttributeValue> bookingKey(String bookingId) {
        return Map.of("pk", s(BookingItems.bookingKey(bookingId)), "sk", s(BookingItems.BOOKING_SORT));
    }

    static String erasureKey(String subjectId) {
        return "ERASURE#" + subjectId;
    }

    static String receiptKey(String tokenHash) {
        return "ERASURE-TOKEN#" + tokenHash;
    }

    private static String counter(ErasedItem kind) {
        return "removed_" + kind.label();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
