package com.safebook.core.fake;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.erasure.ErasedItem;
import com.safebook.core.erasure.Erasure;
import com.safebook.core.erasure.ErasureStore;
import com.safebook.core.erasure.PersonalDataIndex;
import com.safebook.core.erasure.SubjectBooking;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A person's stored items in memory (keys, bookings, tokens, idempotency records, locks) with the
 * erasure store's counting semantics: each removal and its count happen together or not at all.
 * {@link #crashAfter(int)} makes a later step throw, as a function would die halfway.
 */
public final class InMemoryPersonalData implements PersonalDataIndex, ErasureStore {
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, String> subjectByEmail = new HashMap<>();
    private final Map<String, Map<String, SubjectBooking>> bookings = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Set<String> idempotency = new HashSet<>();
    private final Map<String, String> locks = new HashMap<>();
    private final Map<String, Erasure> erasures = new HashMap<>();
    private final Map<String, String> receipts = new HashMap<>();
    private final InMemoryAuditTrail audit;
    private int stepsBeforeCrash = -1;

    public InMemoryPersonalData(InMemoryAuditTrail audit) {
        this.audit = audit;
    }

    public void addSubject(String subjectId, String email) {
        keys.put(subjectId, email);
        subjectByEmail.put(email, subjectId);
    }

    public void addBooking(String subjectId, SubjectBooking booking, List<Instant> granules) {
        bookings.computeIfAbsent(subjectId, s -> new LinkedHashMap<>()).put(booking.bookingId(), booking);
        tokens.put(booking.manageTokenHash(), subjectId);
        booking.idempotencyKeyId().ifPresent(idempotency::add);
        granules.forEach(g -> locks.put(booking.resourceId() + "#" + g, booking.bookingId()));
    }

    /** The step after {@code steps} more successful steps throws, once. */
    public void crashAfter(int steps) {
        this.stepsBeforeCrash = steps;
    }

    public boolean hasKey(String subjectId) {
        return keys.containsKey(subjectId);
    }

    /** Everything still stored that names or belongs to the subject, other than the erasure record. */
    public int itemsLeft(String subjectId) {
        return (keys.containsKey(subjectId) ? 1 : 0)
                + (subjectByEmail.containsValue(subjectId) ? 1 : 0)
                + bookings.getOrDefault(subjectId, Map.of()).size()
                + (int) tokens.values().stream().filter(subjectId::equals).count()
                + idempotency.size()
                + locks.size();
    }

    private void step() {
        if (stepsBeforeCrash == 0) {
            stepsBeforeCrash = -1;
            throw new IllegalStateException("simulated crash");
        }
        if (stepsBeforeCrash > 0) {
            stepsBeforeCrash--;
        }
    }

    @Override
    public synchronized List<SubjectBooking> bookingsOf(String subjectId) {
        return List.copyOf(bookings.getOrDefault(subjectId, Map.of()).values());
    }

    @Override
    public synchronized Optional<String> subjectOfToken(String tokenHash, Instant now) {
        return Optional.ofNullable(tokens.get(tokenHash));
    }

    @Override
    public synchronized Optional<String> subjectOfEmail(String email) {
        return Optional.ofNullable(subjectByEmail.get(email));
    }

    @Override
    public synchronized Optional<Erasure> find(String subjectId) {
        return Optional.ofNullable(erasures.get(subjectId));
    }

    @Override
    public synchronized Optional<Erasure> findByToken(String tokenHash) {
        return Optional.ofNullable(receipts.get(tokenHash)).map(erasures::get);
    }

    @Override
    public synchronized Erasure destroyKey(
            String subjectId, Collection<String> tokenHashes, String erasureId, Instant at) {
        step();
        if (erasures.containsKey(subjectId)) {
            return erasures.get(subjectId);
        }
        int removed = 0;
        var email = keys.remove(subjectId);
        if (email != null) {
            removed++;
            if (subjectByEmail.remove(email) != null) {
                removed++;
            }
        }
        var erasure =
                new Erasure(erasureId, subjectId, at, Map.of(ErasedItem.SUBJECT_KEY, removed), 0, Optional.empty());
        erasures.put(subjectId, erasure);
        tokenHashes.forEach(hash -> receipts.put(hash, subjectId));
        return erasure;
    }

    @Override
    public synchronized boolean cancel(String subjectId, SubjectBooking booking, Instant at) {
        step();
        var stored = bookings.getOrDefault(subjectId, Map.of()).get(booking.bookingId());
        if (stored == null || stored.status() != BookingStatus.CONFIRMED) {
            return false;
        }
        bookings.get(subjectId)
                .put(
                        booking.bookingId(),
                        new SubjectBooking(
                                stored.bookingId(),
                                stored.resourceId(),
                                stored.start(),
                                stored.end(),
                                BookingStatus.CANCELLED,
                                stored.manageTokenHash(),
                                stored.idempotencyKeyId()));
        var erasure = erasures.get(subjectId);
        erasures.put(
                subjectId,
                new Erasure(
                        erasure.erasureId(),
                        subjectId,
                        erasure.erasedAt(),
                        erasure.removed(),
                        erasure.cancelledBookings() + 1,
                        erasure.completedAt()));
        return true;
    }

    @Override
    public synchronized int freeLocks(String subjectId, SubjectBooking booking, List<Instant> granules) {
        step();
        int freed = 0;
        for (var granule : granules) {
            if (locks.remove(booking.resourceId() + "#" + granule, booking.bookingId())) {
                freed++;
            }
        }
        count(subjectId, ErasedItem.SLOT_LOCK, freed);
        return freed;
    }

    @Override
    public synchronized boolean deleteToken(String subjectId, String tokenHash) {
        step();
        return removed(subjectId, ErasedItem.MANAGE_TOKEN, tokens.remove(tokenHash, subjectId));
    }

    @Override
    public synchronized boolean deleteIdempotency(String subjectId, String keyId) {
        step();
        return removed(subjectId, ErasedItem.IDEMPOTENCY_RECORD, idempotency.remove(keyId));
    }

    @Override
    public synchronized boolean deleteBooking(String subjectId, SubjectBooking booking) {
        step();
        var of = bookings.getOrDefault(subjectId, new HashMap<>());
        return removed(subjectId, ErasedItem.BOOKING, of.remove(booking.bookingId()) != null);
    }

    @Override
    public synchronized void counted(String subjectId, ErasedItem kind, int count) {
        step();
        count(subjectId, kind, count);
    }

    @Override
    public synchronized Erasure complete(String subjectId, Instant at, AuditRecord record) {
        step();
        var erasure = erasures.get(subjectId);
        if (erasure.isComplete()) {
            return erasure;
        }
        var done = new Erasure(
                erasure.erasureId(),
                subjectId,
                erasure.erasedAt(),
                erasure.removed(),
                erasure.cancelledBookings(),
                Optional.of(at));
        erasures.put(subjectId, done);
        audit.record(record);
        return done;
    }

    private boolean removed(String subjectId, ErasedItem kind, boolean removed) {
        if (removed) {
            count(subjectId, kind, 1);
        }
        return removed;
    }

    private void count(String subjectId, ErasedItem kind, int count) {
        var erasure = erasures.get(subjectId);
        var removed = new EnumMap<ErasedItem, Integer>(ErasedItem.class);
        removed.putAll(erasure.removed());
        removed.merge(kind, count, Integer::sum);
        erasures.put(
                subjectId,
                new Erasure(
                        erasure.erasureId(),
                        subjectId,
                        erasure.erasedAt(),
                        removed,
                        erasure.cancelledBookings(),
                        erasure.completedAt()));
    }
}
