package com.safebook.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.events.DynamodbEventJson;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.fake.InMemoryOnceOnlyAuditTrail;
import com.safebook.core.retention.OnceOnlyAuditTrail;
import com.safebook.core.retention.RecordExpiry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionHandlerTest {
    private final InMemoryOnceOnlyAuditTrail audit = new InMemoryOnceOnlyAuditTrail();

    @Test
    void handleRequest_ttlRemovals_auditsEachKindAsTheDynamoDbService() throws IOException {
        var response = handler(audit).handleRequest(event("ttl-removals.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(audit.records())
                .extracting(AuditRecord::eventName)
                .containsExactly("ExpireBooking", "ExpireLock", "ExpireIdempotencyRecord");
        var booking = audit.records().getFirst();
        assertThat(booking.eventSource()).isEqualTo("retention.safebook");
        assertThat(booking.eventTime()).isEqualTo(Instant.ofEpochSecond(1772439300));
        assertThat(booking.userIdentity().type()).isEqualTo("AWSService");
        assertThat(booking.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(booking.readOnly()).isFalse();
        assertThat(booking.requestID()).isEqualTo("c4ca4238a0b923820dcc509a6f75849b");
        assertThat(booking.resources()).containsExactly(AuditResource.booking("01jnq0k3v8m5c9t2x7w4y6z1ab"));
        assertThat(audit.records().get(1).resources())
                .containsExactly(new AuditResource("SafeBook::Lock", "safebook:lock/practitioner-1/2025-11-25T08:00Z"));
    }

    @Test
    void handleRequest_asLambdaInvokesIt_readsTheBatchJsonAndWritesItsFailures() throws IOException {
        audit.failWith(new IllegalStateException("the trail is down"));
        var out = new ByteArrayOutputStream();
        try (var in = RetentionHandlerTest.class.getResourceAsStream("/events/ttl-removals.json")) {
            handler(audit).handleRequest(in, out, null);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"111100000000000000001\"}]}");
    }

    @Test
    void handleRequest_removalsNotByTtlAndEmailIndexEntries_areSkipped() throws IOException {
        var response = handler(audit).handleRequest(event("mixed-removals.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        // The user's deletion, the insert and the email index entry leave nothing here.
        assertThat(audit.records()).singleElement().satisfies(record -> {
            assertThat(record.eventName()).isEqualTo("ExpireSubjectKey");
            assertThat(record.resources())
                    .containsExactly(
                            new AuditResource(
                                    "SafeBook::SubjectKey", "safebook:subject-key/7d2k9m4x1c8v5t0r3w6y2z9qab"),
                            AuditResource.dataSubject("7d2k9m4x1c8v5t0r3w6y2z9qab"));
        });
        assertThat(audit.records().toString()).doesNotContain("9f86d081884c7d659a2feaa0c55ad015");
    }

    @Test
    void handleRequest_batchRedelivered_writesEachRecordOnce() throws IOException {
        var handler = handler(audit);
        handler.handleRequest(event("ttl-removals.json"), null);
        var first = audit.records();

        var again = handler.handleRequest(event("ttl-removals.json"), null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(audit.records()).isEqualTo(first);
    }

    @Test
    void handleRequest_auditFailsOnTheSecondRecord_reportsItAndStopsThere() throws IOException {
        OnceOnlyAuditTrail failingOnLocks = record -> {
            if (record.eventName().equals("ExpireLock")) {
                throw new IllegalStateException("throttled");
            }
            return audit.recordOnce(record);
        };

        var response = handler(failingOnLocks).handleRequest(event("ttl-removals.json"), null);

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("111100000000000000002");
        assertThat(audit.records()).extracting(AuditRecord::eventName).containsExactly("ExpireBooking");
    }

    @Test
    void handleRequest_retriedFromTheFailedRecord_completesWithoutDuplicates() throws IOException {
        audit.failWith(new IllegalStateException("unavailable"));
        var handler = handler(audit);
        assertThat(handler.handleRequest(event("ttl-removals.json"), null).getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("111100000000000000001");

        audit.failWith(null);
        var retried = handler.handleRequest(event("ttl-removals.json"), null);

        assertThat(retried.getBatchItemFailures()).isEmpty();
        assertThat(audit.records()).hasSize(3);
    }

    private static RetentionHandler handler(OnceOnlyAuditTrail audit) {
        return new RetentionHandler(new RetentionComponent() {
            @Override
            public ExpiryStream stream() {
                return new ExpiryStream(new RecordExpiry(audit));
            }

            @Override
            public SnapStartPriming snapStartPriming() {
                return SnapStartPriming.builder().build();
            }
        });
    }

    private static DynamodbEvent event(String fixture) throws IOException {
        try (var in = RetentionHandlerTest.class.getResourceAsStream("/events/" + fixture)) {
            return DynamodbEventJson.event(new ObjectMapper().readTree(in));
        }
    }
}
