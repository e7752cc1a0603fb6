package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.aws.config.SharedModule;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.security.SecureIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The trail only appends, against DynamoDB Local: IAM lets the functions PutItem on the audit table and has no
 * condition that forbids overwriting, so the writer's own condition is what keeps a record from being
 * replaced by another with the same key (time and id).
 */
class DynamoDbAuditTrailTest {
    private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

    private final SecureIds ids = new SecureIds();
    private Map<String, String> tables;
    private DynamoDbAuditTrail trail;

    @BeforeEach
    void tables() {
        tables = LocalDynamoDb.createTables("audittrail");
        trail = new DynamoDbAuditTrail(
                LocalDynamoDb.client(),
                new AuditItems(new AuditRecordJson(SharedModule.objectMapper())),
                EncryptedStore.settings(tables));
    }

    /** A plain record (one PutItem) and a staff read naming a person (a transaction with its access item). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void record_anotherRecordWithTheSameTimeAndId_isRefusedAndTheFirstStays(boolean staffRead) {
        var eventId = ids.uuid();
        var first = record(eventId, "StaffGetBooking", staffRead);
        trail.record(first);
        var stored = auditItems();

        assertThatThrownBy(() -> trail.record(record(eventId, "StaffCancelBooking", staffRead)))
                .isInstanceOf(SdkException.class);
        if (!staffRead) {
            // The retention worker's redeliveries (never staff reads) come this way.
            assertThat(trail.recordOnce(record(eventId, "StaffCancelBooking", false)))
                    .isFalse();
        }

        assertThat(auditItems()).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(stored.toString()).contains("StaffGetBooking").doesNotContain("StaffCancelBooking");
    }

    private AuditRecord record(String eventId, String eventName, boolean staffRead) {
        var actor = staffRead ? new Actor("StaffUser", "staff-sub", List.of("staff"), true) : Actor.anonymous();
        return AuditRecord.success(
                AT,
                eventId,
                "staff.safebook",
                eventName,
                true,
                new RequestContext(actor, "req-1", "192.0.2.0", "test"),
                staffRead
                        ? List.of(AuditResource.booking("b1"), AuditResource.dataSubject("subject-1"))
                        : List.of(AuditResource.booking("b1")));
    }

    private List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> auditItems() {
        return LocalDynamoDb.client()
                .scan(r -> r.tableName(tables.get("audit")).consistentRead(true))
                .items();
    }
}
