package com.safebook.core.erasure;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.availability.Schedule;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.ManageToken;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.util.List;

/**
 * Use case: erase a person (GDPR Art. 17). The key is destroyed first, so that from then on
 * nothing of the person can be read, even if the rest is never finished. Then future bookings are
 * cancelled, the slots freed, and the bookings, manage tokens, idempotency records and consent
 * records deleted; last, the erasure is marked complete with its audit record. Every step is safe
 * to repeat, so a retry after a crash at any point finishes the job and answers the same receipt.
 * Audit records stay: they hold no personal data.
 */
public final class ErasePerson {
    public static final String EVENT_SOURCE = "privacy.safebook";
    private static final int MAX_TOKEN = 128;

    private final BookingAccess access;
    private final PersonalDataIndex index;
    private final ErasureStore store;
    private final ConsentLedger consents;
    private final Clock clock;
    private final SecureIds ids;

    public ErasePerson(
            BookingAccess access,
            PersonalDataIndex index,
            ErasureStore store,
            ConsentLedger consents,
            Clock clock,
            SecureIds ids) {
        this.access = access;
        this.index = index;
        this.store = store;
        this.consents = consents;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * The customer's request, with any manage token of theirs. A token of an erasure already begun
     * finishes it; an unknown token is the usual 404.
     */
    public ErasureReceipt byManageToken(String manageToken, RequestContext context) {
        if (manageToken == null || manageToken.isEmpty() || manageToken.length() > MAX_TOKEN) {
            throw BookingAccess.notFound();
        }
        var now = clock.instant();
        var tokenHash = ManageToken.hash(manageToken);
        var begun = store.findByToken(tokenHash);
        if (begun.isPresent()) {
            var subjectId = begun.get().subjectId();
            return erase(subjectId, context.as(Actor.customer(subjectId)));
        }
        String subjectId;
        try {
            subjectId = access.withToken(manageToken, now).subjectId();
        } catch (DomainException notFound) {
            // The key may be gone already (a crash after it was destroyed): the token's own lookup
            // item still names the subject until erasure deletes it.
            subjectId = index.subjectOfToken(tokenHash, now)
                    .filter(subject -> store.find(subject).isPresent())
                    .orElseThrow(() -> notFound);
        }
        return erase(subjectId, context.as(Actor.customer(subjectId)));
    }

    /**
     * A staff member's request on the person's behalf, by email address (found through the blind
     * index). {@code context} names the staff member as the actor.
     */
    public ErasureReceipt byEmail(String email, RequestContext context) {
        var subjectId = email == null ? null : index.subjectOfEmail(email).orElse(null);
        if (subjectId == null) {
            throw new DomainException(
                    ErrorKind.NOT_FOUND, "data-subject-not-found", "No data is held for this email address.");
        }
        return erase(subjectId, context);
    }

    /** Erases the subject, or finishes an erasure begun earlier; {@code context} names the actor. */
    public ErasureReceipt erase(String subjectId, RequestContext context) {
        var now = clock.instant();
        var existing = store.find(subjectId);
        if (existing.isPresent() && existing.get().isComplete()) {
            return ErasureReceipt.of(existing.get(), true);
        }
        if (existing.isEmpty()) {
            var tokens = index.bookingsOf(subjectId).stream()
                    .map(SubjectBooking::manageTokenHash)
                    .toList();
            store.destroyKey(subjectId, tokens, ids.uuid(), now);
        }
        for (var booking : index.bookingsOf(subjectId)) {
            if (booking.status() == BookingStatus.CONFIRMED && booking.start().isAfter(now)) {
                store.cancel(subjectId, booking, now);
            }
            store.freeLocks(subjectId, booking, Schedule.granules(booking.start(), booking.end()));
            store.deleteToken(subjectId, booking.manageTokenHash());
            booking.idempotencyKeyId().ifPresent(keyId -> store.deleteIdempotency(subjectId, keyId));
            // Last: the booking item is how a retry finds the others.
            store.deleteBooking(subjectId, booking);
        }
        int consentRecords = consents.deleteAll(subjectId);
        if (consentRecords > 0) {
            store.counted(subjectId, ErasedItem.CONSENT_RECORD, consentRecords);
        }
        var audit = AuditRecord.success(
                now,
                ids.uuid(),
                EVENT_SOURCE,
                "ErasePersonalData",
                false,
                context,
                List.of(AuditResource.dataSubject(subjectId)));
        return ErasureReceipt.of(store.complete(subjectId, now, audit), false);
    }
}
