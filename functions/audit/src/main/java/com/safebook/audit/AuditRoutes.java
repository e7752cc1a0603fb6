package com.safebook.audit;

import com.safebook.aws.crypto.SecurityMetrics;
import com.safebook.aws.http.ApiRequest;
import com.safebook.aws.http.ApiResponse;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.aws.http.StaffClaims;
import com.safebook.core.audit.integrity.AuditStore;
import com.safebook.core.audit.integrity.Digest;
import com.safebook.core.audit.integrity.SealAuditTrail;
import com.safebook.core.audit.integrity.StoredRecord;
import com.safebook.core.audit.integrity.VerifyAuditRange;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.staff.StaffRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/** Each route checks the caller's group, then maps the request to one use case. */
final class AuditRoutes {
    static final int PAGE_SIZE = 100;
    private static final Duration LONGEST_RANGE = Duration.ofDays(31);
    private static final Instant END_OF_KEYS = Instant.parse("9999-12-01T00:00:00Z");

    private final AuditStore store;
    private final SealAuditTrail seal;
    private final VerifyAuditRange verify;
    private final KmsSignatureCheck publicKey;
    private final SecurityMetrics metrics;

    @Inject
    AuditRoutes(
            AuditStore store,
            SealAuditTrail seal,
            VerifyAuditRange verify,
            KmsSignatureCheck publicKey,
            SecurityMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.seal = seal;
        this.verify = verify;
        this.publicKey = publicKey;
    }

    ApiRoutes routes() {
        return ApiRoutes.builder()
                .get("/staff/audit", request -> {
                    StaffClaims.identity(request.authorizerClaims()).requireAnyOf(StaffRole.AUDITOR);
                    return ApiResponse.ok(records(request));
                })
                .post("/staff/audit/digests", request -> {
                    StaffClaims.identity(request.authorizerClaims()).requireAnyOf(StaffRole.AUDITOR, StaffRole.ADMIN);
                    var sealed = seal.seal();
                    return ApiResponse.ok(Map.of(
                            "digests", sealed.stream().map(AuditRoutes::summary).toList()));
                })
                .get("/staff/audit/digests", request -> {
                    StaffClaims.identity(request.authorizerClaims()).requireAnyOf(StaffRole.AUDITOR);
                    var from = instant(request, "from");
                    var to = instant(request, "to");
                    checkRange(from, to);
                    var digests = new java.util.ArrayList<Digest>();
                    store.digestEndingAtOrBefore(from).ifPresent(digests::add);
                    store.digests(from, to).stream()
                            .filter(d -> !digests.contains(d))
                            .forEach(digests::add);
                    return ApiResponse.ok(Map.of(
                            "digests", digests.stream().map(AuditRoutes::digest).toList()));
                })
                .get("/staff/audit/verify", request -> {
                    StaffClaims.identity(request.authorizerClaims()).requireAnyOf(StaffRole.AUDITOR);
                    var from = instant(request, "from");
                    var to = instant(request, "to");
                    checkRange(from, to);
                    var result = verify.verify(from, to);
                    if (!result.valid()) {
                        metrics.auditVerificationFailed();
                    }
                    return ApiResponse.ok(Map.of("valid", result.valid(), "findings", result.findings()));
                })
                .get("/staff/audit/public-key", request -> {
                    StaffClaims.identity(request.authorizerClaims()).requireAnyOf(StaffRole.AUDITOR);
                    return ApiResponse.ok(Map.of("publicKeyPem", publicKey.publicKeyPem()));
                })
                .recordedAtEdge("GET", "/staff/audit")
                .recordedAtEdge("POST", "/staff/audit/digests")
                .recordedAtEdge("GET", "/staff/audit/digests")
                .recordedAtEdge("GET", "/staff/audit/verify")
                .recordedAtEdge("GET", "/staff/audit/public-key")
                .build();
    }

    private Map<String, Object> records(ApiRequest request) {
        var from = instant(request, "from");
        var to = instant(request, "to");
        checkRange(from, to);
        var subject = request.query("subject").filter(s -> !s.isBlank());
        var actor = request.query("actor").filter(s -> !s.isBlank());
        var after = request.query("next").map(AuditRoutes::decodeToken).orElse("");
        var matching = store.records(from, to).stream()
                .filter(r -> after.isEmpty() || key(r).compareTo(after) > 0)
                // Filters on the canonical JSON: the pseudonymous ARN and principal, never names.
                .filter(r -> subject.isEmpty() || r.canonical().contains("\"safebook:subject/" + subject.get() + "\""))
                .filter(r -> actor.isEmpty() || r.canonical().contains("\"principalId\":\"" + actor.get() + "\""))
                .limit(PAGE_SIZE + 1L)
                .toList();
        var page = matching.subList(0, Math.min(PAGE_SIZE, matching.size()));
        var body = new LinkedHashMap<String, Object>();
        body.put("records", page.stream().map(AuditRoutes::record).toList());
        if (matching.size() > PAGE_SIZE) {
            body.put("nextToken", encodeToken(key(page.getLast())));
        }
        return body;
    }

    /** The export format the offline verifier reads: the stored canonical JSON as it is, and its stored hash. */
    static Map<String, Object> record(StoredRecord record) {
        return Map.of(
                "eventId", record.eventId(),
                "eventTime", record.eventTime().toString(),
                "record", record.canonical(),
                "recordHash", record.recordHash());
    }

    static Map<String, Object> digest(Digest digest) {
        var out = new LinkedHashMap<String, Object>();
        out.put("digestId", digest.digestId());
        out.put("from", digest.from().toString());
        out.put("to", digest.to().toString());
        out.put("entries", digest.entries());
        out.put("previousDigestId", digest.previousDigestId());
        out.put("previousDigestHash", digest.previousDigestHash());
        out.put("previousDigestSignature", digest.previousDigestSignature());
        out.put("signingKeyId", digest.signingKeyId());
        out.put("signingAlgorithm", digest.signingAlgorithm());
        out.put("signature", digest.signature());
        return out;
    }

    private static Map<String, Object> summary(Digest digest) {
        return Map.of(
                "digestId", digest.digestId(),
                "from", digest.from().toString(),
                "to", digest.to().toString(),
                "records", digest.entries().size());
    }

    private static String key(StoredRecord record) {
        return record.eventTime() + "#" + record.eventId();
    }

    private static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    ErrorKind.MALFORMED_REQUEST, "invalid-next-token", "The next token is not valid.");
        }
    }

    private static void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw new DomainException(
                    ErrorKind.MALFORMED_REQUEST,
                    "invalid-range",
                    "'from' must be before 'to', at most " + LONGEST_RANGE.toDays() + " days apart.");
        }
    }

    /**
     * An instant of the years 1970 to 9999: the trail's keys are written {@code yyyy-MM-dd'T'HH}, which
     * sorts (and, past the year 999,999,999 that {@code Instant} still parses, formats) only there.
     */
    private static Instant instant(ApiRequest request, String name) {
        Instant instant;
        try {
            instant = Instant.parse(request.query(name, name + "-required"));
        } catch (DateTimeParseException e) {
            throw invalidInstant(name);
        }
        if (instant.isBefore(Instant.EPOCH) || !instant.isBefore(END_OF_KEYS)) {
            throw invalidInstant(name);
        }
        return instant;
    }

    private static DomainException invalidInstant(String name) {
        return new DomainException(
                ErrorKind.MALFORMED_REQUEST,
                "invalid-instant",
                "The query parameter '" + name
                        + "' must be an instant from 1970 to 9999, such as 2026-03-02T08:00:00Z.");
    }
}
