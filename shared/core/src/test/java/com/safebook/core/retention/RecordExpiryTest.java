package com.safebook.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.audit.AuditResource;
import com.safebook.core.fake.InMemoryOnceOnlyAuditTrail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordExpiryTest {
    private final InMemoryOnceOnlyAuditTrail audit = new InMemoryOnceOnlyAuditTrail();
    private final RecordExpiry recordExpiry = new RecordExpiry(audit);
    private final Instant deletedAt = Instant.parse("2026-03-02T08:15:00Z");

    @Test
    void record_subjectKey_isAuditedAsTheTtlServiceNamingKeyAndSubject() {
        assertThat(recordExpiry.record(new Expiry("e-1", deletedAt, ExpiredItem.subjectKey("s1"))))
                .isTrue();

        var record = audit.records().getFirst();
        assertThat(record.eventSource()).isEqualTo("retention.safebook");
        assertThat(record.eventName()).isEqualTo("ExpireSubjectKey");
        assertThat(record.eventTime()).isEqualTo(deletedAt);
        assertThat(record.readOnly()).isFalse();
        assertThat(record.userIdentity().type()).isEqualTo("AWSService");
        assertThat(record.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(record.resources())
                .containsExactly(
                        new AuditResource("SafeBook::SubjectKey", "safebook:subject-key/s1"),
                        AuditResource.dataSubject("s1"));
    }

    @Test
    void record_sameSourceEventTwice_writesOneRecordWithTheSameId() {
        var expiry = new Expiry("e-2", deletedAt, ExpiredItem.booking("b1"));

        assertThat(recordExpiry.record(expiry)).isTrue();
        assertThat(recordExpiry.record(expiry)).isFalse();

        assertThat(audit.records()).hasSize(1);
        assertThat(audit.records().getFirst().eventID()).isEqualTo(RecordExpiry.eventId("e-2"));
        assertThat(RecordExpiry.eventId("e-3")).isNotEqualTo(RecordExpiry.eventId("e-2"));
    }
}
