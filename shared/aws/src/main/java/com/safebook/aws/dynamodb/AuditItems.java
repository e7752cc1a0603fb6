package com.safebook.aws.dynamodb;

import com.safebook.core.audit.AuditRecord;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns audit records into audit-table items; the partition is the record's hour (UTC). A record
 * of a staff member touching a data subject's data also gets an access-index item per subject,
 * {@code pk = ACCESS#<subjectId>}, {@code sk = <time>#<event id>}, so that the person's export can
 * list who looked at their data without reading the whole trail. It holds no personal data.
 */
public final class AuditItems {
    static final String STAFF_USER = "StaffUser";
    private static final String SUBJECT_ARN = "safebook:subject/";
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

    /** The access-index items of a record: one per data subject a staff member touched. */
    List<Map<String, AttributeValue>> accessItems(AuditRecord record, Duration retention) {
        if (!STAFF_USER.equals(record.userIdentity().type())) {
            return List.of();
        }
        return record.resources().stream()
                .filter(resource -> resource.arn().startsWith(SUBJECT_ARN))
                .map(resource -> Map.of(
                        "pk",
                                AttributeValue.fromS(
                                        accessPartition(resource.arn().substring(SUBJECT_ARN.length()))),
                        "sk", AttributeValue.fromS(record.eventTime() + "#" + record.eventID()),
                        "eventId", AttributeValue.fromS(record.eventID()),
                        "eventTime", AttributeValue.fromS(record.eventTime().toString()),
                        "eventName", AttributeValue.fromS(record.eventName()),
                        "principalId",
                                AttributeValue.fromS(record.userIdentity().principalId()),
                        "expiresAt",
                                AttributeValue.fromN(Long.toString(
                                        record.eventTime().plus(retention).getEpochSecond()))))
                .toList();
    }

    static String accessPartition(String subjectId) {
        return "ACCESS#" + subjectId;
    }
}
