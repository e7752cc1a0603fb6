package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.consent.ConsentChannel;
import com.safebook.core.consent.ConsentDecision;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.consent.ConsentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The consent ledger in the bookings table: {@code pk = CONSENT#<subjectId>}, {@code sk =
 * <purpose>#<sequence, 6 digits>}, so that a subject's whole history is one query and a decision's
 * place is a key the store refuses twice. A record holds no personal data beyond the pseudonymous
 * subject id. Each append is one transaction with the superseded record's new expiry and the audit
 * record.
 */
@Singleton
public final class DynamoDbConsentLedger implements ConsentLedger {
    private static final Comparator<ConsentRecord> ORDER = Comparator.comparing(ConsentRecord::at)
            .thenComparing(ConsentRecord::purposeId)
            .thenComparingInt(ConsentRecord::sequence);

    private final DynamoDbClient dynamoDb;
    private final AuditItems auditItems;
    private final Settings settings;

    @Inject
    public DynamoDbConsentLedger(DynamoDbClient dynamoDb, AuditItems auditItems, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.auditItems = auditItems;
        this.settings = settings;
    }

    @Override
    public AppendOutcome append(ConsentRecord record, Optional<ConsentRecord> superseded, AuditRecord audit) {
        var items = writes(new Append(record, superseded, audit));
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(items));
            return AppendOutcome.APPENDED;
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            for (int i = 0; i < Math.min(reasons.size(), items.size() - 1); i++) {
                var code = reasons.get(i).code();
                if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                    return AppendOutcome.HISTORY_CHANGED;
                }
            }
            throw e;
        }
    }

    /**
     * The writes of one append, under its conditions, for a transaction: the record, the
     * superseded record's new expiry, and the audit record, last.
     */
    List<TransactWriteItem> writes(Append append) {
        var record = append.record();
        var table = settings.bookingsTable();
        var items = new ArrayList<TransactWriteItem>();
        items.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(toItem(record))
                        // A record's place is taken unless the one there has expired.
                        .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                        .expressionAttributeValues(
                                Map.of(":now", number(record.at().getEpochSecond())))
                        .build())
                .build());
        append.superseded().ifPresent(previous -> {
            var values = new HashMap<String, AttributeValue>();
            values.put(":e", number(previous.expiresAt().orElseThrow().getEpochSecond()));
            values.put(":id", AttributeValue.fromS(previous.recordId()));
            items.add(TransactWriteItem.builder()
                    .update(Update.builder()
                            .tableName(table)
                            .key(key(previous))
                            .updateExpression("SET expiresAt = :e")
                            .conditionExpression("recordId = :id")
                            .expressionAttributeValues(values)
                            .build())
                    .build());
        });
        items.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(settings.auditTable())
                        .item(AuditItem.SCHEMA.itemToMap(
                                auditItems.toItem(
                                        append.audit(), settings.retention().audit()),
                                true))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build());
        return items;
    }

    @Override
    public List<ConsentRecord> history(String subjectId, Instant now) {
        var records = new ArrayList<ConsentRecord>();
        for (var item : query(subjectId)) {
            var record = toRecord(item);
            if (!record.isExpiredAt(now)) {
                records.add(record);
            }
        }
        records.sort(ORDER);
        return records;
    }

    @Override
    public int deleteAll(String subjectId) {
        var deletes = new ArrayList<WriteRequest>();
        for (var item : query(subjectId)) {
            deletes.add(WriteRequest.builder()
                    .deleteRequest(d -> d.key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))))
                    .build());
        }
        for (int from = 0; from < deletes.size(); from += 25) {
            var batch = deletes.subList(from, Math.min(from + 25, deletes.size()));
            Map<String, List<WriteRequest>> pending = Map.of(settings.bookingsTable(), batch);
            while (!pending.isEmpty()) {
                var request =
                        BatchWriteItemRequest.builder().requestItems(pending).build();
                var left = dynamoDb.batchWriteItem(request).unprocessedItems();
                pending = left == null ? Map.of() : left;
            }
        }
        return deletes.size();
    }

    private List<Map<String, AttributeValue>> query(String subjectId) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        for (var page : dynamoDb.queryPaginator(r -> r.tableName(settings.bookingsTable())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(subjectId))))
                .consistentRead(true))) {
            items.addAll(page.items());
        }
        return items;
    }

    static String partition(String subjectId) {
        return "CONSENT#" + subjectId;
    }

    private static Map<String, AttributeValue> key(ConsentRecord record) {
        return Map.of(
                "pk", AttributeValue.fromS(partition(record.subjectId())),
                "sk", AttributeValue.fromS(String.format("%s#%06d", record.purposeId(), record.sequence())));
    }

    private static Map<String, AttributeValue> toItem(ConsentRecord record) {
        var item = new HashMap<>(key(record));
        item.put("recordId", AttributeValue.fromS(record.recordId()));
        item.put("purposeId", AttributeValue.fromS(record.purposeId()));
        item.put("sequence", number(record.sequence()));
        item.put("policyVersion", AttributeValue.fromS(record.policyVersion()));
        item.put("policyHash", AttributeValue.fromS(record.policyHash()));
        item.put("decision", AttributeValue.fromS(record.decision().name()));
        item.put("at", AttributeValue.fromS(record.at().toString()));
        item.put("channel", AttributeValue.fromS(record.channel().name()));
        record.expiresAt().ifPresent(at -> item.put("expiresAt", number(at.getEpochSecond())));
        return item;
    }

    private static ConsentRecord toRecord(Map<String, AttributeValue> item) {
        return new ConsentRecord(
                item.get("recordId").s(),
                item.get("pk").s().substring("CONSENT#".length()),
                item.get("purposeId").s(),
                Integer.parseInt(item.get("sequence").n()),
                item.get("policyVersion").s(),
                item.get("policyHash").s(),
                ConsentDecision.valueOf(item.get("decision").s()),
                Instant.parse(item.get("at").s()),
                ConsentChannel.valueOf(item.get("channel").s()),
                Optional.ofNullable(item.get("expiresAt")).map(v -> Instant.ofEpochSecond(Long.parseLong(v.n()))));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
