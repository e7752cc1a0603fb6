package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.audit.integrity.AuditStore;
import com.safebook.core.audit.integrity.Digest;
import com.safebook.core.audit.integrity.DigestEntry;
import com.safebook.core.audit.integrity.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The records in the audit table, and the digests in a table of their own, so that the rule for the
 * audit table is simple: no function may update or delete anything in it. Digests are items
 * {@code pk = DIGEST, sk = <range end, fixed width>}; the chain head is the item {@code pk = sk =
 * HEAD}, which names the latest digest. A digest and the new head are written in one transaction,
 * the head on the condition that it still names the digest the sealer chained to.
 */
public final class DynamoDbAuditStore implements AuditStore {
    static final String DIGEST = "DIGEST";
    static final String HEAD = "HEAD";
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    /** The text an audit record's sort key starts with for any instant of that second. */
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Fixed width, so that the sort key sorts as the instant does. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Sealing starts with the hour of the oldest record; an audit trail older than this is not sought. */
    private static final Duration LONGEST_RANGE = Duration.ofDays(400);

    private final DynamoDbClient dynamoDb;
    private final String auditTable;
    private final String digestsTable;
    private final Duration retention;

    @Inject
    public DynamoDbAuditStore(DynamoDbClient dynamoDb, Settings settings, Settings.AuditIntegrity integrity) {
        this.dynamoDb = dynamoDb;
        this.auditTable = settings.auditTable();
        this.digestsTable = integrity.digestsTable();
        this.retention = settings.retention().audit();
    }

    @Override
    public List<StoredRecord> records(Instant from, Instant to) {
        var out = new ArrayList<StoredRecord>();
        if (!from.isBefore(to)) {
            return out;
        }
        if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw new IllegalArgumentException(
                    "A range of audit records may span at most " + LONGEST_RANGE.toDays() + " days");
        }
        // One partition per hour, read in order; within one, the sort key is <eventTime>#<eventID>, and
        // eventTime is Instant.toString(): fixed width to the second, then a fraction of 0 to 9 digits.
        // So every record of from's second or later sorts at or after that second's text: the query
        // starts there (a seal reads what came since the last one, not its whole hour again), and the
        // exact bounds are applied below.
        var fromSecond = SECOND.format(from);
        for (var hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            var request = QueryRequest.builder()
                    .tableName(auditTable)
                    .keyConditionExpression("pk = :pk AND sk >= :fromSecond")
                    .expressionAttributeValues(Map.of(":pk", text(HOUR.format(hour)), ":fromSecond", text(fromSecond)))
                    .consistentRead(true)
                    .build();
            for (var item : dynamoDb.queryPaginator(request).items()) {
                var record = toRecord(item);
                if (!record.eventTime().isBefore(from) && record.eventTime().isBefore(to)) {
                    out.add(record);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<Instant> earliestRecordTime() {
        // Once per chain, for its first digest: a keys-only scan for the oldest hour, then that hour.
        var oldest = dynamoDb.scanPaginator(r -> r.tableName(auditTable).projectionExpression("pk")).items().stream()
                .map(item -> item.get("pk").s())
                .min(String::compareTo);
        return oldest.flatMap(hour -> {
            var start = Instant.parse(hour + ":00:00Z");
            return records(start, start.plus(Duration.ofHours(1))).stream()
                    .map(StoredRecord::eventTime)
                    .min(Instant::compareTo);
        });
    }

    @Override
    public Optional<Digest> latestDigest() {
        var head = dynamoDb.getItem(
                        r -> r.tableName(digestsTable).key(key(HEAD, HEAD)).consistentRead(true))
                .item();
        if (head == null || head.isEmpty()) {
            return Optional.empty();
        }
        var item = dynamoDb.getItem(r -> r.tableName(digestsTable)
                        .key(key(DIGEST, head.get("digestSk").s()))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDigest(item));
    }

    @Override
    public void append(Digest digest, Optional<Digest> expectedHead) {
        var item = new HashMap<>(key(DIGEST, SORTABLE.format(digest.to())));
        item.put("digestId", text(digest.digestId()));
        item.put("from", text(digest.from().toString()));
        item.put("to", text(digest.to().toString()));
        var entries = new StringBuilder();
        digest.entries().forEach(e -> entries.append(e.eventId())
                .append(' ')
                .append(e.recordHash())
                .append('\n'));
        item.put("entries", text(entries.toString()));
        item.put(
                "entryCount",
                AttributeValue.fromN(Integer.toString(digest.entries().size())));
        item.put("previousDigestId", text(digest.previousDigestId()));
        item.put("previousDigestHash", text(digest.previousDigestHash()));
        item.put("previousDigestSignature", text(digest.previousDigestSignature()));
        item.put("signingKeyId", text(digest.signingKeyId()));
        item.put("signingAlgorithm", text(digest.signingAlgorithm()));
        item.put("signature", text(digest.signature()));
        item.put(
                "expiresAt",
                AttributeValue.fromN(Long.toString(digest.to().plus(retention).getEpochSecond())));
        var head = new HashMap<>(key(HEAD, HEAD));
        head.put("digestSk", text(SORTABLE.format(digest.to())));
        head.put("digestId", text(digest.digestId()));
        var headPut = Put.builder().tableName(digestsTable).item(head);
        expectedHead.ifPresentOrElse(
                expected -> headPut.conditionExpression("digestId = :expected")
                        .expressionAttributeValues(Map.of(":expected", text(expected.digestId()))),
                () -> headPut.conditionExpression("attribute_not_exists(pk)"));
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder()
                            .put(p -> p.tableName(digestsTable)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(pk)"))
                            .build(),
                    TransactWriteItem.builder().put(headPut.build()).build()));
        } catch (TransactionCanceledException e) {
            throw new ChainMovedException("Another sealer appended a digest first", e);
        }
    }

    @Override
    public List<Digest> digests(Instant from, Instant to) {
        var request = QueryRequest.builder()
                .tableName(digestsTable)
                .keyConditionExpression("pk = :pk AND sk > :from")
                .expressionAttributeValues(Map.of(":pk", text(DIGEST), ":from", text(SORTABLE.format(from))))
                .consistentRead(true)
                .build();
        var out = new ArrayList<Digest>();
        for (var item : dynamoDb.queryPaginator(request).items()) {
            var digest = toDigest(item);
            if (!digest.from().isBefore(to)) {
                break;
            }
            out.add(digest);
        }
        return out;
    }

    @Override
    public Optional<Digest> digestEndingAtOrBefore(Instant instant) {
        var items = dynamoDb.query(r -> r.tableName(digestsTable)
                        .keyConditionExpression("pk = :pk AND sk <= :at")
                        .expressionAttributeValues(Map.of(":pk", text(DIGEST), ":at", text(SORTABLE.format(instant))))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true))
                .items();
        return items.isEmpty() ? Optional.empty() : Optional.of(toDigest(items.getFirst()));
    }

    private static StoredRecord toRecord(Map<String, AttributeValue> item) {
        return new StoredRecord(
                item.get("eventId").s(),
                Instant.parse(item.get("eventTime").s()),
                item.get("record").s(),
                item.get("recordHash").s());
    }

    private static Digest toDigest(Map<String, AttributeValue> item) {
        var entries = new ArrayList<DigestEntry>();
        for (var line : item.get("entries").s().split("\n")) {
            if (!line.isEmpty()) {
                var space = line.indexOf(' ');
                entries.add(new DigestEntry(line.substring(0, space), line.substring(space + 1)));
            }
        }
        return new Digest(
                item.get("digestId").s(),
                Instant.parse(item.get("from").s()),
                Instant.parse(item.get("to").s()),
                entries,
                item.get("previousDigestId").s(),
                item.get("previousDigestHash").s(),
                item.get("previousDigestSignature").s(),
                item.get("signingKeyId").s(),
                item.get("signingAlgorithm").s(),
                item.get("signature").s());
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", text(pk), "sk", text(sk));
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }
}
