package com.safebook.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.security.Digests;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;

/**
 * The canonical form of an audit record: JSON with keys sorted at every level, no insignificant
 * white space, absent fields left out. Its SHA-256 is the record's hash, which digests chain.
 */
public final class AuditRecordJson {
    private final ObjectMapper json;

    @Inject
    public AuditRecordJson(ObjectMapper json) {
        this.json = json;
    }

    public String canonical(AuditRecord record) {
        var map = new TreeMap<String, Object>();
        map.put("eventVersion", record.eventVersion());
        map.put("eventTime", record.eventTime().toString());
        map.put("eventSource", record.eventSource());
        map.put("eventName", record.eventName());
        map.put("eventType", record.eventType());
        map.put(
                "userIdentity",
                new TreeMap<>(Map.of(
                        "type", record.userIdentity().type(),
                        "principalId", record.userIdentity().principalId(),
                        "groups", record.userIdentity().groups(),
                        "mfaAuthenticated", record.userIdentity().mfaAuthenticated())));
        map.put("sourceIPAddress", record.sourceIPAddress());
        map.put("userAgent", record.userAgent());
        map.put("requestID", record.requestID());
        map.put("eventID", record.eventID());
        map.put("readOnly", record.readOnly());
        var resources = new ArrayList<Map<String, String>>();
        record.resources().forEach(r -> resources.add(new TreeMap<>(Map.of("type", r.type(), "ARN", r.arn()))));
        map.put("resources", resources);
        record.errorCode().ifPresent(code -> map.put("errorCode", code));
        record.errorMessage().ifPresent(message -> map.put("errorMessage", message));
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit record could not be written as JSON", e);
        }
    }

    public static String hash(String canonical) {
        return Digests.hex(Digests.sha256(canonical));
    }
}
