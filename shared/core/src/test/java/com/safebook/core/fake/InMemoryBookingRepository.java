package com.safebook.core.fake;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.IdempotencyRecord;
import com.safebook.core.booking.ManageTokenIndex;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.Service;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.privacy.DataSubject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bookings in memory with the same all-or-nothing semantics as the DynamoDB transaction: one
 * lock per resource granule, the idempotency record and the audit record, written together. Given
 * a catalogue, it also refuses a booking whose service the catalogue no longer holds as given.
 */
public final class InMemoryBookingRepository implements BookingRepository, ManageTokenIndex {
    private final Map<String, Booking> bookings = new HashMap<>();
    private final Map<String, String> locks = new HashMap<>();
    private final Map<String, IdempotencyRecord> idempotency = new HashMap<>();
    private final InMemoryAuditTrail audit;
    private final InMemoryDataSubjects subjects;
    private final InMemoryConsentLedger consentLedger;
    private final CatalogRepository catalog;

    public InMemoryBookingRepository(InMemoryAuditTrail audit, InMemoryDataSubjects subjects) {
        this(audit, subjects, new InMemoryConsentLedger(audit));
    }

    /** Bookings whose form grants go into {@code consentLedger}, in the booking's transaction. */
    public InMemoryBookingRepository(
            InMemoryAuditTrail audit, InMemoryDataSubjects subjects, InMemoryConsentLedger consentLedger) {
        this(audit, subjects, consentLedger, null);
    }

    /** Bookings whose services are checked against {@code catalog}, as the DynamoDB transaction does. */
    public InMemoryBookingRepository(
            InMemoryAuditTrail audit,
            InMemoryDataSubjects subjects,
            InMemoryConsentLedger consentLedger,
            CatalogRepository catalog) {
        this.audit = audit;
        this.subjects = subjects;
        this.consentLedger = consentLedger;
        this.catalog = catalog;
    }

    /** The ledger the grants of booking forms go into. */
    public InMemoryConsentLedger consentLedger() {
        return consentLedger;
    }

    @Override
    public synchronized CreateOutcome create(
            Service service,
            Booking booking,
            DataSubject subject,
            List<Instant> granules,
            IdempotencyRecord record,
            AuditRecord auditRecord,
            List<ConsentLedger.Append> consents) {
        synchronized (consentLedger) {
            return createWithConsents(service, booking, subject, granules, record, auditRecord, consents);
        }
    }

    private CreateOutcome createWithConsents(
            Service service,
            Booking booking,
            DataSubject subject,
            List<Instant> granules,
            IdempotencyRecord record,
            AuditRecord auditRecord,
            List<ConsentLedger.Append> consents) {
        var existing = idempotency.get(record.keyId());
        if (existing != null && existing.expiresAt().isAfter(booking.createdAt())) {
            return new CreateOutcome.DuplicateRequest(existing);
        }
        if (catalog != null && !catalog.service(service.serviceId()).equals(Optional.of(service))) {
            return new CreateOutcome.ServiceChanged();
        }
        for (var granule : granules) {
            if (locks.containsKey(lockKey(booking.resourceId(), granule))) {
                return new CreateOutcome.SlotTaken();
            }
        }
        if (!consentLedger.acceptsAll(consents)) {
            return new CreateOutcome.ConsentsChanged();
        }
        if (!subjects.store(subject)) {
            return new CreateOutcome.SubjectChanged();
        }
        bookings.put(booking.bookingId(), booking);
        granules.forEach(g -> locks.put(lockKey(booking.resourceId(), g), booking.bookingId()));
        idempotency.put(record.keyId(), record);
        audit.record(auditRecord);
        consentLedger.applyAll(consents);
        return new CreateOutcome.Created();
    }

    @Override
    public synchronized Optional<Booking> find(String bookingId, Instant now) {
        return Optional.ofNullable(bookings.get(bookingId))
                .filter(b -> b.expiresAt().isAfter(now));
    }

    @Override
    public synchronized Optional<Booking> findByManageToken(String tokenHash, Instant now) {
        return bookings.values().stream()
                .filter(b -> b.manageTokenHash().equals(tokenHash))
                .filter(b -> b.expiresAt().isAfter(now))
                .findFirst();
    }

    @Override
    public synchronized List<Booking> onDay(LocalDate day, int limit, Instant now) {
        return bookings.values().stream()
                .filter(b -> b.localStart().toLocalDate().equals(day))
                .filter(b -> b.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Booking::start).thenComparing(Booking::bookingId))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<String> subjectOf(String tokenHash, Instant now) {
        return findByManageToken(tokenHash, now).map(Booking::subjectId);
    }

    @Override
    public synchronized CancelOutcome cancel(Booking cancelled, List<Instant> granules, AuditRecord auditRecord) {
        var current = bookings.get(cancelled.bookingId());
        if (current == null || current.status() != BookingStatus.CONFIRMED) {
            return CancelOutcome.ALREADY_CANCELLED;
        }
        bookings.put(cancelled.bookingId(), cancelled);
        granules.forEach(g -> locks.remove(lockKey(cancelled.resourceId(), g), cancelled.bookingId()));
        audit.record(auditRecord);
        return CancelOutcome.CANCELLED;
    }

    @Override
    public synchronized Set<Instant> takenGranules(String resourceId, Instant from, Instant to) {
        var prefix = resourceId + "#";
        return locks.keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .map(k -> Instant.parse(k.substring(prefix.length())))
                .filter(t -> !t.isBefore(from) && t.isBefore(to))
                .collect(Collectors.toSet());
    }

    public synchronized int lockCount() {
        return locks.size();
    }

    private static String lockKey(String resourceId, Instant granule) {
        return resourceId + "#" + granule;
    }
}
