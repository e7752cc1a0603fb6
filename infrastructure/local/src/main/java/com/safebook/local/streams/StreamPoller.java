package com.safebook.local.streams;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.safebook.aws.events.DynamodbEventJson;
import com.safebook.local.api.LocalLambdaContext;
import com.safebook.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's event source mapping for DynamoDB streams, locally: for each stream event of the
 * template, reads the table's stream in DynamoDB Local from its trim horizon, shard by shard, in
 * batches of the event's {@code BatchSize}; keeps the records its filter patterns match (any of
 * them); marks the sweeper's deletions as TTL deletions; invokes the real handler in this JVM with
 * the event Lambda would send; and on reported batch item failures resumes at the lowest failed
 * sequence number, as Lambda does. An error of the whole batch retries it whole. After
 * {@code MaximumRetryAttempts} the batch is logged by position and skipped (in AWS it would go to
 * the on-failure destination). Batches are not bisected locally.
 */
public final class StreamPoller {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final TtlDeletions ttlDeletions;
    private final List<Mapping> mappings = new ArrayList<>();

    public StreamPoller(
            DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, SamTemplate template, TtlDeletions ttlDeletions) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.ttlDeletions = ttlDeletions;
        for (var event : template.streamEvents()) {
            mappings.add(new Mapping(
                    event,
                    event.filterPatterns().stream().map(EventPattern::parse).toList()));
        }
    }

    public boolean hasMappings() {
        return !mappings.isEmpty();
    }

    /** Reads every stream to its end once, invoking the handlers; returns how many records were delivered. */
    public synchronized int poll() {
        int delivered = 0;
        for (var mapping : mappings) {
            try {
                delivered += mapping.poll();
            } catch (RuntimeException e) {
                LOG.warn(
                        "Reading the stream of {} for {} failed: {}",
                        mapping.event.table(),
                        mapping.event.function().logicalId(),
                        e.getClass().getName());
            }
        }
        return delivered;
    }

    /** Where a shard is read next: after the last record handled, or at a failed one again. */
    private record Position(ShardIteratorType type, String sequenceNumber) {}

    private final class Mapping {
        private final SamTemplate.StreamEvent event;
        private final List<EventPattern> filters;
        private final Map<String, Position> positions = new HashMap<>();
        private final Map<String, Integer> attempts = new HashMap<>();
        private final java.util.Set<String> closedShards = new java.util.HashSet<>();
        /** Event ids of records claimed as TTL deletions, until they are past: a retry reads them again. */
        private final java.util.Set<String> ttlRecords = new java.util.HashSet<>();

        private RequestStreamHandler handler;

        Mapping(SamTemplate.StreamEvent event, List<EventPattern> filters) {
            this.event = event;
            this.filters = filters;
        }

        int poll() {
            var streamArn = dynamoDb.describeTable(r -> r.tableName(event.table()))
                    .table()
                    .latestStreamArn();
            if (streamArn == null) {
                return 0;
            }
            var shards = streams.describeStream(r -> r.streamArn(streamArn))
                    .streamDescription()
                    .shards();
            int delivered = 0;
            for (var shard : shards) {
                if (!closedShards.contains(shard.shardId())) {
                    delivered += pollShard(streamArn, shard.shardId());
                }
            }
            return delivered;
        }

        private int pollShard(String streamArn, String shardId) {
            int delivered = 0;
            for (int round = 0; round < 100; round++) {
                var position = positions.getOrDefault(shardId, new Position(ShardIteratorType.TRIM_HORIZON, null));
                var iterator = streams.getShardIterator(r -> r.streamArn(streamArn)
                                .shardId(shardId)
                                .shardIteratorType(position.type())
                                .sequenceNumber(position.sequenceNumber()))
                        .shardIterator();
                var result = streams.getRecords(r -> r.shardIterator(iterator).limit(event.batchSize()));
                var records = result.records();
                if (records.isEmpty()) {
                    if (result.nextShardIterator() == null) {
                        closedShards.add(shardId);
                    }
                    return delivered;
                }
                var batch = new ArrayList<ObjectNode>();
                for (var record : records) {
                    var json = lambdaShape(streamArn, record);
                    if (filters.isEmpty() || filters.stream().anyMatch(f -> f.matches(json))) {
                        batch.add(json);
                    }
                }
                var last = records.getLast().dynamodb().sequenceNumber();
                if (batch.isEmpty()) {
                    records.forEach(r -> ttlRecords.remove(r.eventID()));
                    positions.put(shardId, new Position(ShardIteratorType.AFTER_SEQUENCE_NUMBER, last));
                    continue;
                }
                var failedAt = invoke(batch);
                if (failedAt == null) {
                    delivered += batch.size();
                    records.forEach(r -> ttlRecords.remove(r.eventID()));
                    attempts.remove(shardId);
                    positions.put(shardId, new Position(ShardIteratorType.AFTER_SEQUENCE_NUMBER, last));
                    continue;
                }
                int attempt = attempts.merge(shardId, 1, Integer::sum);
                if (event.maximumRetryAttempts() >= 0 && attempt > event.maximumRetryAttempts()) {
                    LOG.error(
                            "{} kept failing on {} from sequence number {}; skipped (in AWS: the on-failure destination)",
                            event.function().logicalId(),
                            event.table(),
                            failedAt);
                    attempts.remove(shardId);
                    records.forEach(r -> ttlRecords.remove(r.eventID()));
                    positions.put(shardId, new Position(ShardIteratorType.AFTER_SEQUENCE_NUMBER, last));
                    continue;
                }
                positions.put(shardId, new Position(ShardIteratorType.AT_SEQUENCE_NUMBER, failedAt));
                return delivered;
            }
            return delivered;
        }

        /** Returns null if the batch succeeded, else the sequence number to retry from. */
        private String invoke(List<ObjectNode> batch) {
            var json = JSON.createObjectNode();
            var array = json.putArray("Records");
            batch.forEach(array::add);
            var first = batch.getFirst().path("dynamodb").path("SequenceNumber").asText();
            StreamsEventResponse response;
            try {
                // As Lambda invokes: the batch's JSON into the stream handler, its answer read from what it wrote.
                var out = new ByteArrayOutputStream();
                handler()
                        .handleRequest(
                                new ByteArrayInputStream(JSON.writeValueAsBytes(json)),
                                out,
                                new LocalLambdaContext(
                                        event.function().logicalId(),
                                        UUID.randomUUID().toString(),
                                        System.currentTimeMillis()
                                                + event.function().timeoutSeconds() * 1000L,
                                        event.function().memoryMb()));
                response = DynamodbEventJson.readResponse(new ByteArrayInputStream(out.toByteArray()));
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.warn(
                        "{} failed on a batch of {}: {}",
                        event.function().logicalId(),
                        event.table(),
                        e.getClass().getName());
                return first;
            }
            if (response == null
                    || response.getBatchItemFailures() == null
                    || response.getBatchItemFailures().isEmpty()) {
                return null;
            }
            String lowest = null;
            for (var failure : response.getBatchItemFailures()) {
                var id = failure.getItemIdentifier();
                if (id == null || id.isBlank()) {
                    return first; // Lambda treats this as a failure of the whole batch.
                }
                if (lowest == null || new BigInteger(id).compareTo(new BigInteger(lowest)) < 0) {
                    lowest = id;
                }
            }
            return lowest;
        }

        private RequestStreamHandler handler() {
            if (handler == null) {
                try {
                    handler = (RequestStreamHandler)
                            Class.forName(event.function().handlerClass())
                                    .getDeclaredConstructor()
                                    .newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "The handler class " + event.function().handlerClass() + " cannot be created", e);
                }
            }
            return handler;
        }

        /** The record as Lambda delivers it, which is also what filter patterns match against. */
        private ObjectNode lambdaShape(String streamArn, Record record) {
            var change = record.dynamodb();
            var json = JSON.createObjectNode()
                    .put("eventID", record.eventID())
                    .put("eventName", record.eventNameAsString())
                    .put("eventVersion", record.eventVersion())
                    .put("eventSource", "aws:dynamodb")
                    .put("awsRegion", record.awsRegion())
                    .put("eventSourceARN", streamArn);
            var dynamodb = json.putObject("dynamodb");
            if (change.approximateCreationDateTime() != null) {
                dynamodb.put(
                        "ApproximateCreationDateTime",
                        change.approximateCreationDateTime().getEpochSecond());
            }
            var keys = dynamodb.putObject("Keys");
            change.keys().forEach((name, value) -> attribute(keys.putObject(name), value));
            dynamodb.put("SequenceNumber", change.sequenceNumber());
            if (change.sizeBytes() != null) {
                dynamodb.put("SizeBytes", change.sizeBytes());
            }
            dynamodb.put("StreamViewType", change.streamViewTypeAsString());
            var identity = record.userIdentity();
            if ("REMOVE".equals(record.eventNameAsString())
                    && (ttlRecords.contains(record.eventID()) || ttlDeletions.claim(event.table(), change.keys()))) {
                ttlRecords.add(record.eventID());
                json.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
            } else if (identity != null) {
                json.putObject("userIdentity").put("type", identity.type()).put("principalId", identity.principalId());
            }
            return json;
        }
    }

    private static void attribute(ObjectNode json, AttributeValue value) {
        if (value.s() != null) {
            json.put("S", value.s());
        } else if (value.n() != null) {
            json.put("N", value.n());
        } else if (value.b() != null) {
            json.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
        }
    }
}
