package com.safebook.retention;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import com.safebook.aws.dynamodb.ExpiredItemKeys;
import com.safebook.core.retention.Expiry;
import com.safebook.core.retention.RecordExpiry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a batch of stream records to expiries and audits them in order. Only removals made by
 * DynamoDB's TTL count (the event source mapping's filter keeps only those; this checks again, since
 * a filter is configuration): an erasure or a cancellation is audited where it happens. On the first
 * record that fails, it stops and reports that record's sequence number, so that Lambda retries the
 * batch from there and the records before it are not delivered again.
 */
public final class ExpiryStream {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryStream.class);
    static final String TTL_IDENTITY_TYPE = "Service";

    private final RecordExpiry recordExpiry;

    @Inject
    public ExpiryStream(RecordExpiry recordExpiry) {
        this.recordExpiry = recordExpiry;
    }

    public StreamsEventResponse handle(DynamodbEvent event) {
        var records = event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords();
        int audited = 0;
        for (var record : records) {
            try {
                var expiry = expiry(record);
                if (expiry.isPresent() && recordExpiry.record(expiry.get())) {
                    audited++;
                }
            } catch (RuntimeException e) {
                // The class only: a message could quote a key or a value.
                LOG.warn(
                        "Auditing an expiry failed ({}); the batch is retried from this record",
                        e.getClass().getName());
                return failure(record);
            }
        }
        LOG.info("Expiries audited: {} of {} records", audited, records.size());
        return new StreamsEventResponse(new ArrayList<>());
    }

    private static Optional<Expiry> expiry(Record record) {
        if (!isTtlRemoval(record)) {
            return Optional.empty();
        }
        var change = record.getDynamodb();
        var item = ExpiredItemKeys.of(strings(change.getKeys()));
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Expiry(
                record.getEventID(), change.getApproximateCreationDateTime().toInstant(), item.get()));
    }

    /** A deletion made by TTL, as DynamoDB marks it in the stream record. */
    static boolean isTtlRemoval(Record record) {
        var identity = record.getUserIdentity();
        return "REMOVE".equals(record.getEventName())
                && identity != null
                && TTL_IDENTITY_TYPE.equals(identity.getType())
                && RecordExpiry.TTL_PRINCIPAL.equals(identity.getPrincipalId());
    }

    private static Map<String, String> strings(Map<String, AttributeValue> keys) {
        var strings = new HashMap<String, String>();
        if (keys != null) {
            keys.forEach((name, value) -> {
                if (value != null && value.getS() != null) {
                    strings.put(name, value.getS());
                }
            });
        }
        return strings;
    }

    private static StreamsEventResponse failure(Record record) {
        var sequenceNumber =
                record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
        return new StreamsEventResponse(
                new ArrayList<>(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber))));
    }
}
