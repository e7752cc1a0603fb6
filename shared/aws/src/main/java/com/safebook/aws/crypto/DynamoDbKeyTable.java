package com.safebook.aws.crypto;

import com.safebook.aws.config.Settings;
import com.safebook.aws.dynamodb.ConsistentBatchGet;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The key table: the only place a data subject's key is kept (wrapped by KMS), and the only place
 * that links a blind email index to a subject. It has no point-in-time recovery, so deleting a
 * subject's items here makes every copy of their data, in any backup of the other tables,
 * unreadable for good.
 *
 * <ul>
 *   <li>{@code SUBJECT#<subjectId>}: the wrapped key, its version, the email index.
 *   <li>{@code EMAIL#<email index>}: the subject, and the wrapped key again, so that identifying a
 *       returning customer is one read.
 *   <li>{@code BLIND-INDEX-KEY#1}: the wrapped key of the email index's HMAC.
 * </ul>
 *
 * Both subject items expire with the subject's last booking, and their expiry only ever grows.
 */
@Singleton
public final class DynamoDbKeyTable {
    static final String INDEX_KEY = "BLIND-INDEX-KEY#1";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    @Inject
    public DynamoDbKeyTable(DynamoDbClient dynamoDb, Settings settings, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = settings.keysTable();
        this.clock = clock;
    }

    /** A subject's key as stored. */
    record StoredSubject(String subjectId, String emailIndex, int keyVersion, byte[] wrappedKey, Instant expiresAt) {
        @Override
        public String toString() {
            return "StoredSubject[" + subjectId + "]";
        }
    }

    Optional<byte[]> wrappedIndexKey() {
        return read(INDEX_KEY).map(item -> item.get("wrappedKey").b().asByteArray());
    }

    /** Stores the wrapped index key unless one is there already; false if another process was first. */
    boolean putIndexKeyIfAbsent(byte[] wrapped, Instant now) {
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(Map.of(
                            "pk", string(INDEX_KEY),
                            "wrappedKey", binary(wrapped),
                            "createdAt", string(now.toString())))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The subject of an email index, unless there is none or its retention has ended. */
    Optional<StoredSubject> subjectByEmail(String emailIndex) {
        return read(emailKey(emailIndex)).map(item -> stored(item, emailIndex)).filter(this::unexpired);
    }

    /** The subject, unless it was erased or its retention has ended. */
    Optional<StoredSubject> subject(String subjectId) {
        return read(subjectKey(subjectId))
                .map(item -> stored(item, item.get("emailIndex").s()))
                .filter(this::unexpired);
    }

    /**
     * Many subjects at once, by their ids: one consistent {@code BatchGetItem} per hundred, where
     * {@link #subject} reads one item a request. Erased and expired subjects are left out.
     */
    Map<String, StoredSubject> subjects(Collection<String> subjectIds) {
        var keys = new LinkedHashSet<>(subjectIds)
                .stream().map(id -> Map.of("pk", string(subjectKey(id)))).toList();
        var found = new HashMap<String, StoredSubject>();
        for (var item : ConsistentBatchGet.items(dynamoDb, table, keys)) {
            var subject = stored(item, item.get("emailIndex").s());
            if (unexpired(subject)) {
                found.put(subject.subjectId(), subject);
            }
        }
        return found;
    }

    private boolean unexpired(StoredSubject subject) {
        // TTL deletion lags by up to days; an expired key is gone as far as anyone can tell.
        return subject.expiresAt().isAfter(clock.instant());
    }

    /**
     * The writes that make a booking's transaction store its subject: a new subject's two items,
     * each only if absent; for a known subject, a check that it still exists with this key version
     * (it may have been erased meanwhile), which also extends its expiry to {@code expiresAt} when
     * that is later than the expiry last seen.
     */
    public List<TransactWriteItem> subjectWrites(SubjectKey subject, Instant expiresAt) {
        var ttl = number(expiresAt.getEpochSecond());
        if (subject.isNew()) {
            var subjectItem = new HashMap<String, AttributeValue>();
            subjectItem.put("pk", string(subjectKey(subject.subjectId())));
            subjectItem.put("subjectId", string(subject.subjectId()));
            subjectItem.put("emailIndex", string(subject.emailIndex()));
            subjectItem.put("keyVersion", number(subject.keyVersion()));
            subjectItem.put("wrappedKey", binary(subject.wrappedKey()));
            subjectItem.put("expiresAt", ttl);
            var emailItem = new HashMap<>(subjectItem);
            emailItem.put("pk", string(emailKey(subject.emailIndex())));
            emailItem.remove("emailIndex");
            // An expired subject of the same address (not yet deleted by TTL) is replaced, not reused.
            return List.of(putIfAbsent(subjectItem), putIfAbsent(emailItem));
        }
        var key = Map.of("pk", string(subjectKey(subject.subjectId())));
        var known = subject.expiresAt().orElse(Instant.EPOCH);
        if (!expiresAt.isAfter(known)) {
            return List.of(TransactWriteItem.builder()
                    .conditionCheck(ConditionCheck.builder()
                            .tableName(table)
                            .key(key)
                            .conditionExpression("attribute_exists(pk) AND keyVersion = :v")
                            .expressionAttributeValues(Map.of(":v", number(subject.keyVersion())))
                            .build())
                    .build());
        }
        return List.of(
                TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(table)
                                .key(key)
                                .updateExpression("SET expiresAt = :e")
                                .conditionExpression("attribute_exists(pk) AND keyVersion = :v AND expiresAt < :e")
                                .expressionAttributeValues(Map.of(":v", number(subject.keyVersion()), ":e", ttl))
                                .build())
                        .build(),
                TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(table)
                                .key(Map.of("pk", string(emailKey(subject.emailIndex()))))
                                .updateExpression("SET expiresAt = :e")
                                .conditionExpression("subjectId = :s")
                                .expressionAttributeValues(Map.of(":s", string(subject.subjectId()), ":e", ttl))
                                .build())
                        .build());
    }

    /**
     * The writes that destroy a subject's key: deleting its key item and its email-index item, each
     * only while it still names this subject, expired or not. Empty if both are gone already.
     */
    public List<TransactWriteItem> subjectDeletes(String subjectId) {
        var deletes = new java.util.ArrayList<TransactWriteItem>();
        read(subjectKey(subjectId)).ifPresent(item -> {
            deletes.add(deleteOf(subjectKey(subjectId), subjectId));
            var email = emailKey(item.get("emailIndex").s());
            read(email)
                    .filter(e -> subjectId.equals(e.get("subjectId").s()))
                    .ifPresent(e -> deletes.add(deleteOf(email, subjectId)));
        });
        return deletes;
    }

    private TransactWriteItem deleteOf(String pk, String subjectId) {
        return TransactWriteItem.builder()
                .delete(d -> d.tableName(table)
                        .key(Map.of("pk", string(pk)))
                        .conditionExpression("subjectId = :s")
                        .expressionAttributeValues(Map.of(":s", string(subjectId))))
                .build();
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                        .expressionAttributeValues(
                                Map.of(":now", number(clock.instant().getEpochSecond())))
                        .build())
                .build();
    }

    private Optional<Map<String, AttributeValue>> read(String pk) {
        var item = dynamoDb.getItem(
                        r -> r.tableName(table).key(Map.of("pk", string(pk))).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static StoredSubject stored(Map<String, AttributeValue> item, String emailIndex) {
        return new StoredSubject(
                item.get("subjectId").s(),
                emailIndex,
                Integer.parseInt(item.get("keyVersion").n()),
                item.get("wrappedKey").b().asByteArray(),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())));
    }

    static String subjectKey(String subjectId) {
        return "SUBJECT#" + subjectId;
    }

    static String emailKey(String emailIndex) {
        return "EMAIL#" + emailIndex;
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private static AttributeValue binary(byte[] value) {
        return AttributeValue.builder().b(SdkBytes.fromByteArray(value)).build();
    }
}
