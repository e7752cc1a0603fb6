package com.safebook.aws.dynamodb;

import com.safebook.core.audit.AuditRecord;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.inject.Inject;

/** Turns audit records into audit-table items; the partition is the record's hour (UTC). */
public final class AuditItems {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final AuditRecordJson json;

    @Inject
    public AuditItems(AuditRecordJson json) {
        this.json = json;
    }

    AuditItem toItem(AuditRecord record, Duration retention) {
        var canonical = json.canonical(record);
        var item = new AuditItem();
        item.pk = HOUR.format(record.eventTime());
        item.sk = record.eventTime() + "#" + record.eventID();
        item.eventId = record.eventID();
        item.eventTime = record.eventTime().toString();
        item.eventName = record.eventName();
        item.principalId = record.userIdentity().principalId();
        item.record = canonical;
        item.recordHash = AuditRecordJson.hash(canonical);
        item.expiresAt = record.eventTime().plus(retention).getEpochSecond();
        return item;
    }
}
