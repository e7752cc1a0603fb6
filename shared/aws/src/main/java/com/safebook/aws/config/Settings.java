package com.safebook.aws.config;

import com.safebook.core.audit.integrity.SealAuditTrail;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.consent.ConsentRetention;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting a function reads, read in this one place. In Lambda they come from the
 * environment that {@code template.yaml} sets; the local stack, which runs every handler in one
 * JVM, sets them as system properties of the same names, which take precedence.
 *
 * @param consentRetention how long a consent decision is kept once it no longer stands
 *     ({@code CONSENT_RETENTION_YEARS}, see {@code ConsentRetention})
 */
public record Settings(
        String region,
        Optional<URI> awsEndpoint,
        String bookingsTable,
        String auditTable,
        String keysTable,
        String dataKeyId,
        SubjectKeyCache subjectKeyCache,
        RetentionPolicy retention,
        ConsentRetention consentRetention) {

    /**
     * How many data subjects' keys a warm function keeps decrypted in memory, and for how long: a
     * returning customer costs no KMS call, and an erased subject's key is gone from every warm
     * function within {@code ttl}.
     */
    public record SubjectKeyCache(int maxEntries, Duration ttl) {}

    /**
     * What only the audit function needs: the digests' table and the asymmetric signing key. A
     * record of its own, so functions without these variables never need them.
     *
     * @param settle how old a record must be before it is sealed ({@code AUDIT_SETTLE_SECONDS}, default
     *     30: longer than any function runs; see {@code SealAuditTrail}). Only a test stack, whose
     *     requests are over once they are answered, sets less.
     */
    public record AuditIntegrity(String digestsTable, String signingKeyId, Duration settle) {
        public AuditIntegrity(String digestsTable, String signingKeyId) {
            this(digestsTable, signingKeyId, SealAuditTrail.DEFAULT_SETTLE);
        }

        public static AuditIntegrity fromEnvironment() {
            return from(environment());
        }

        public static AuditIntegrity from(Map<String, String> values) {
            return new AuditIntegrity(
                    required(values, "AUDIT_DIGESTS_TABLE"),
                    required(values, "AUDIT_SIGNING_KEY_ID"),
                    Duration.ofSeconds(
                            number(values, "AUDIT_SETTLE_SECONDS", SealAuditTrail.DEFAULT_SETTLE.toSeconds())));
        }
    }

    /**
     * The booking site's origin ({@code SITE_ORIGIN}, such as {@code https://d111.cloudfront.net}), the
     * only one a browser may call the API from; empty outside a deployment with a site.
     */
    public static Optional<String> siteOrigin() {
        return Optional.ofNullable(environment().get("SITE_ORIGIN")).filter(origin -> !origin.isBlank());
    }

    public static Settings fromEnvironment() {
        return from(environment());
    }

    private static Map<String, String> environment() {
        var values = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        return values;
    }

    public static Settings from(Map<String, String> values) {
        return new Settings(
                values.getOrDefault("AWS_REGION", "us-east-1"),
                Optional.ofNullable(values.get("AWS_ENDPOINT_URL"))
                        .filter(s -> !s.isBlank())
                        .map(URI::create),
                required(values, "BOOKINGS_TABLE"),
                required(values, "AUDIT_TABLE"),
                required(values, "KEYS_TABLE"),
                required(values, "DATA_KEY_ID"),
                new SubjectKeyCache(
                        (int) number(values, "SUBJECT_KEY_CACHE_SIZE", 1000),
                        Duration.ofSeconds(number(values, "SUBJECT_KEY_CACHE_SECONDS", 300))),
                new RetentionPolicy(
                        Duration.ofDays(number(values, "BOOKING_RETENTION_DAYS", 90)),
                        Duration.ofHours(number(values, "IDEMPOTENCY_RETENTION_HOURS", 24)),
                        Duration.ofDays(number(values, "AUDIT_RETENTION_DAYS", 2192))),
                ConsentRetention.ofYears((int) number(values, "CONSENT_RETENTION_YEARS", 3)));
    }

    private static String required(Map<String, String> values, String name) {
        var value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The environment variable " + name + " is not set");
        }
        return value;
    }

    private static long number(Map<String, String> values, String name, long fallback) {
        var value = values.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The environment variable " + name + " is not a whole number", e);
        }
    }
}
