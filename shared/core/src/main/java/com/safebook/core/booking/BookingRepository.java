package com.safebook.core.booking;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.catalog.Service;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.privacy.DataSubject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Port: bookings and the locks on their resources' time. Every change is atomic with its audit
 * record; double booking is refused by the store's conditions, never by a read before the write.
 */
public interface BookingRepository {

    /**
     * Writes the booking, a lock for each of its granules, the idempotency record, the audit record
     * and the data subject (new, or confirmed still to exist) in one transaction, or none of them.
     * The same transaction checks that the catalogue still holds {@code service} exactly as given,
     * the service the booking was checked against (its hours, length, resource and time zone), so a
     * caller may check a booking against a service it read earlier: see {@link
     * CreateOutcome.ServiceChanged}.
     */
    default CreateOutcome create(
            Service service,
            Booking booking,
            DataSubject subject,
            List<Instant> granules,
            IdempotencyRecord idempotency,
            AuditRecord audit) {
        return create(service, booking, subject, granules, idempotency, audit, List.of());
    }

    /**
     * The same, with the consent grants the booking form carries, in the same transaction: the
     * booking and its grants are written together or not at all, in one write request.
     */
    CreateOutcome create(
            Service service,
            Booking booking,
            DataSubject subject,
            List<Instant> granules,
            IdempotencyRecord idempotency,
            AuditRecord audit,
            List<ConsentLedger.Append> consents);

    /** The booking, unless it does not exist or its retention has ended. */
    Optional<Booking> find(String bookingId, Instant now);

    /**
     * The booking, only if {@code tokenHashMatches} accepts its stored manage-token hash. An adapter
     * that decrypts checks the hash first, so that a wrong token costs no decryption and no key
     * fetch: guessing at booking ids makes nobody's key leave the key service.
     */
    default Optional<Booking> findIfTokenMatches(String bookingId, Predicate<String> tokenHashMatches, Instant now) {
        return find(bookingId, now).filter(booking -> tokenHashMatches.test(booking.manageTokenHash()));
    }

    /**
     * The booking whose manage token has this hash (see {@link ManageToken#hash}), unless there is
     * none or its retention has ended: the way in for requests that carry only the token.
     */
    Optional<Booking> findByManageToken(String tokenHash, Instant now);

    /**
     * The bookings whose start falls on {@code day} in their service's time zone, by start time, at
     * most {@code limit} of them; expired bookings and those whose subject was erased are left out.
     */
    List<Booking> onDay(LocalDate day, int limit, Instant now);

    /** Marks the booking cancelled and frees its granules, with its audit record, atomically. */
    CancelOutcome cancel(Booking cancelled, List<Instant> granules, AuditRecord audit);

    /** The granules of {@code resourceId} locked by bookings in {@code [from, to)}. */
    Set<Instant> takenGranules(String resourceId, Instant from, Instant to);

    sealed interface CreateOutcome {
        record Created() implements CreateOutcome {}

        /** An unexpired record with the same idempotency key exists; nothing was written. */
        record DuplicateRequest(IdempotencyRecord existing) implements CreateOutcome {}

        /** At least one granule is already locked; nothing was written. */
        record SlotTaken() implements CreateOutcome {}

        /**
         * The subject is not as this request found it: created meanwhile by another request, or
         * erased. Nothing was written; identify the subject again and retry.
         */
        record SubjectChanged() implements CreateOutcome {}

        /**
         * Another consent decision of the subject landed after its history was read; nothing was
         * written. Read the history again and retry.
         */
        record ConsentsChanged() implements CreateOutcome {}

        /**
         * The catalogue no longer holds the service as the booking found it: changed or removed
         * since it was read. Nothing was written; read the service again and check the booking again.
         */
        record ServiceChanged() implements CreateOutcome {}
    }

    enum CancelOutcome {
        CANCELLED,
        /** Someone else cancelled it first; nothing was written. */
        ALREADY_CANCELLED
    }
}
