package com.safebook.aws.invariants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * SafeBook's three tables as the checker sees them: one paged, strongly consistent, read-only scan
 * of each, projected to keys, ids, times and states, so that no ciphertext, wrapped key or email
 * index is ever read. Only live items are kept: an item whose {@code expiresAt} (TTL) has passed is
 * gone as far as the application can tell (it reads none), even while TTL has not deleted it yet;
 * at exactly {@code expiresAt} it has expired, as the functions compare.
 *
 * <p>The key layout is the adapters' (see {@code BookingItems}, {@code DynamoDbKeyTable},
 * {@code DynamoDbErasureStore}, {@code AuditItems}); the checker's tests build their data through
 * those adapters, so a change of layout shows there.
 */
final class StoredItems {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter GRANULE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final String BOOKING_ARN = "safebook:booking/";
    private static final String SUBJECT_ARN = "safebook:subject/";
    /** The audit events that record a booking's creation, its cancellation, and an erasure. */
    static final String CREATE_BOOKING = "CreateBooking";

    static final Set<String> CANCEL_EVENTS = Set.of("CancelBooking", "StaffCancelBooking");
    static final String ERASE_PERSONAL_DATA = "ErasePersonalData";

    record Booking(
            String key,
            String bookingId,
            String resourceId,
            Instant start,
            Instant end,
            String status,
            String subjectId,
            String manageTokenHash,
            long expiresAt) {
        boolean confirmed() {
            return "CONFIRMED".equals(status);
        }
    }

    record Lock(String key, String resourceId, Instant granule, String bookingId) {}

    record Token(String key, String tokenHash, String bookingId, String subjectId) {}

    record Idempotency(String key, String bookingId) {}

    record Consent(String key, String subjectId) {}

    record SubjectKey(String key, String subjectId, long expiresAt) {}

    record Erasure(String key, String subjectId, Instant erasedAt, boolean complete) {}

    record Receipt(String key, String tokenHash, String subjectId) {}

    final Map<String, Long> scanned = new LinkedHashMap<>();
    final List<InvariantViolation> malformed = new ArrayList<>();
    final Map<String, Booking> bookings = new HashMap<>();
    final List<Lock> locks = new ArrayList<>();
    final Map<String, Token> tokens = new HashMap<>();
    final List<Idempotency> idempotency = new ArrayList<>();
    final List<Consent> consents = new ArrayList<>();
    final Map<String, SubjectKey> subjectKeys = new HashMap<>();
    final Map<String, Erasure> erasures = new HashMap<>();
    final Map<String, Receipt> receipts = new HashMap<>();
    final Set<String> creationAudited = new HashSet<>();
    final Set<String> cancellationAudited = new HashSet<>();
    final Set<String> erasureAudited = new HashSet<>();

    private final DynamoDbClient dynamoDb;
    private final long now;

    private StoredItems(DynamoDbClient dynamoDb, Instant now) {
        this.dynamoDb = dynamoDb;
        this.now = now.getEpochSecond();
    }

    /**
     * Reads the bookings table first, then the key table, then the audit table: a booking's audit
     * record and its subject's key are written with or before it, so a booking written while the
     * scans run is seen with them.
     */
    static StoredItems read(DynamoDbClient dynamoDb, StoredDataInvariants.Tables tables, Instant now) {
        var items = new StoredItems(dynamoDb, now);
        items.scan(
                ScanRequest.builder()
                        .tableName(tables.bookings())
                        .projectionExpression(
                                "pk, sk, bookingId, subjectId, resourceId, #start, #end, #status, manageTokenHash, expiresAt")
                        .expressionAttributeNames(Map.of("#start", "start", "#end", "end", "#status", "status")),
                item -> items.bookingsItem(tables.bookings(), item));
        items.scan(
                ScanRequest.builder()
                        .tableName(tables.keys())
                        .projectionExpression("pk, subjectId, erasedAt, completedAt, expiresAt"),
                item -> items.keysItem(tables.keys(), item));
        // Only the records of creations, cancellations and erasures come back; the rest are only counted.
        var events = new HashMap<String, AttributeValue>();
        var names = new ArrayList<String>();
        var audited = new ArrayList<String>();
        audited.add(CREATE_BOOKING);
        audited.addAll(CANCEL_EVENTS);
        audited.add(ERASE_PERSONAL_DATA);
        for (int i = 0; i < audited.size(); i++) {
            events.put(":e" + i, AttributeValue.fromS(audited.get(i)));
            names.add(":e" + i);
        }
        items.scan(
                ScanRequest.builder()
                        .tableName(tables.audit())
                        .projectionExpression("pk, sk, eventName, #record, expiresAt")
                        .filterExpression("eventName IN (" + String.join(", ", names) + ")")
                        .expressionAttributeNames(Map.of("#record", "record"))
                        .expressionAttributeValues(events),
                item -> items.auditItem(tables.audit(), item));
        return items;
    }

    private void scan(ScanRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        var scan = request.consistentRead(true).build();
        long count = 0;
        for (var page : dynamoDb.scanPaginator(scan)) {
            count += page.scannedCount();
            for (var item : page.items()) {
                if (live(scan.tableName(), item)) {
                    each.accept(item);
                }
            }
        }
        scanned.put(scan.tableName(), count);
    }

    private boolean live(String table, Map<String, AttributeValue> item) {
        var expiresAt = item.get("expiresAt");
        if (expiresAt == null) {
            return true;
        }
        if (expiresAt.n() == null) {
            malformed(table, item, "expiresAt is not a number");
            return false;
        }
        try {
            return Long.parseLong(expiresAt.n()) > now;
        } catch (NumberFormatException e) {
            malformed(table, item, "expiresAt is not a whole number of seconds");
            return false;
        }
    }

    private void bookingsItem(String table, Map<String, AttributeValue> item) {
        var pk = text(item, "pk");
        var sk = text(item, "sk");
        var key = key(pk, sk);
        try {
            if (pk.startsWith("BOOKING#") && "BOOKING".equals(sk)) {
                var booking = new Booking(
                        key,
                        required(item, "bookingId"),
                        required(item, "resourceId"),
                        Instant.parse(required(item, "start")),
                        Instant.parse(required(item, "end")),
                        required(item, "status"),
                        required(item, "subjectId"),
                        required(item, "manageTokenHash"),
                        expiresAt(item));
                bookings.put(booking.bookingId(), booking);
            } else if (pk.startsWith("LOCK#")) {
                var resourceAndMonth = pk.substring("LOCK#".length());
                var monthAt = resourceAndMonth.lastIndexOf('#');
                if (monthAt <= 0) {
                    throw new MissingAttribute("the lock's key names no resource");
                }
                locks.add(new Lock(
                        key,
                        resourceAndMonth.substring(0, monthAt),
                        Instant.from(GRANULE.parse(sk)),
                        required(item, "bookingId")));
            } else if (pk.startsWith("TOKEN#") && "TOKEN".equals(sk)) {
                var hash = pk.substring("TOKEN#".length());
                tokens.put(hash, new Token(key, hash, required(item, "bookingId"), required(item, "subjectId")));
            } else if (pk.startsWith("IDEMPOTENCY#") && "IDEMPOTENCY".equals(sk)) {
                idempotency.add(new Idempotency(key, required(item, "bookingId")));
            } else if (pk.startsWith("CONSENT#")) {
                consents.add(new Consent(key, pk.substring("CONSENT#".length())));
            }
        } catch (MissingAttribute e) {
            malformed(table, item, e.getMessage());
        } catch (RuntimeException e) {
            // Never the exception's message: it may quote what the item holds.
            malformed(
                    table, item, "an attribute does not parse (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void keysItem(String table, Map<String, AttributeValue> item) {
        var pk = text(item, "pk");
        try {
            if (pk.startsWith("SUBJECT#")) {
                var subjectId = required(item, "subjectId");
                subjectKeys.put(subjectId, new SubjectKey(pk, subjectId, expiresAt(item)));
            } else if (pk.startsWith("ERASURE#")) {
                var subjectId = required(item, "subjectId");
                erasures.put(
                        subjectId,
                        new Erasure(
                                pk,
                                subjectId,
                                Instant.parse(required(item, "erasedAt")),
                                item.containsKey("completedAt")));
            } else if (pk.startsWith("ERASURE-TOKEN#")) {
                var hash = pk.substring("ERASURE-TOKEN#".length());
                receipts.put(hash, new Receipt(pk, hash, required(item, "subjectId")));
            }
            // EMAIL# items are keyed by a value derived from an email address: never named, never read.
        } catch (MissingAttribute e) {
            malformed(table, item, e.getMessage());
        } catch (RuntimeException e) {
            // Never the exception's message: it may quote what the item holds.
            malformed(
                    table, item, "an attribute does not parse (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void auditItem(String table, Map<String, AttributeValue> item) {
        var eventName = text(item, "eventName");
        boolean creation = CREATE_BOOKING.equals(eventName);
        boolean cancellation = CANCEL_EVENTS.contains(eventName);
        boolean erasure = ERASE_PERSONAL_DATA.equals(eventName);
        if (!creation && !cancellation && !erasure) {
            return;
        }
        try {
            var record = JSON.readTree(required(item, "record"));
            if (record.hasNonNull("errorCode")) {
                return; // a refusal changed nothing
            }
            for (var resource : record.path("resources")) {
                var arn = resource.path("ARN").asText("");
                if (arn.startsWith(BOOKING_ARN) && creation) {
                    creationAudited.add(arn.substring(BOOKING_ARN.length()));
                } else if (arn.startsWith(BOOKING_ARN) && cancellation) {
                    cancellationAudited.add(arn.substring(BOOKING_ARN.length()));
                } else if (arn.startsWith(SUBJECT_ARN) && erasure) {
                    erasureAudited.add(arn.substring(SUBJECT_ARN.length()));
                }
            }
        } catch (MissingAttribute e) {
            malformed(table, item, e.getMessage());
        } catch (JsonProcessingException e) {
            malformed(table, item, "the audit record is not JSON");
        }
    }

    private void malformed(String table, Map<String, AttributeValue> item, String detail) {
        malformed.add(new InvariantViolation(
                Invariant.ITEM_IS_WELL_FORMED, table, key(text(item, "pk"), text(item, "sk")), detail));
    }

    private static long expiresAt(Map<String, AttributeValue> item) {
        var value = item.get("expiresAt");
        if (value == null || value.n() == null) {
            throw new MissingAttribute("no expiresAt");
        }
        return Long.parseLong(value.n());
    }

    private static String required(Map<String, AttributeValue> item, String name) {
        var value = text(item, name);
        if (value == null) {
            throw new MissingAttribute("no " + name);
        }
        return value;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }

    /** An attribute the item's kind needs is missing; the message names the attribute only. */
    private static final class MissingAttribute extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingAttribute(String message) {
            super(message, null, false, false);
        }
    }

    static String key(String pk, String sk) {
        return sk == null ? String.valueOf(pk) : pk + "/" + sk;
    }
}
