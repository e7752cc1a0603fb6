package com.safebook.core.erasure;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Use case: a customer downloads everything held about them with any one of their manage tokens:
 * their bookings (decrypted), their consent history, and which staff identities accessed their
 * data and when. The export is itself a read of personal data, and audited as one.
 */
public final class ExportPersonalData {
    public static final int SCHEMA_VERSION = 1;

    private final BookingAccess access;
    private final PersonalDataIndex index;
    private final BookingRepository bookings;
    private final ConsentLedger consents;
    private final AccessLog accessLog;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureIds ids;

    public ExportPersonalData(
            BookingAccess access,
            PersonalDataIndex index,
            BookingRepository bookings,
            ConsentLedger consents,
            AccessLog accessLog,
            AuditTrail audit,
            Clock clock,
            SecureIds ids) {
        this.access = access;
        this.index = index;
        this.bookings = bookings;
        this.consents = consents;
        this.accessLog = accessLog;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    public PersonalDataExport export(String manageToken, RequestContext context) {
        var now = clock.instant();
        var subjectId = access.withToken(manageToken, now).subjectId();
        var held = index.bookingsOf(subjectId).stream()
                .map(booking -> bookings.find(booking.bookingId(), now))
                .flatMap(Optional::stream)
                .toList();
        var export = new PersonalDataExport(
                SCHEMA_VERSION, now, held, consents.history(subjectId, now), accessLog.accessesTo(subjectId));
        audit.record(AuditRecord.success(
                now,
                ids.uuid(),
                ErasePerson.EVENT_SOURCE,
                "ExportPersonalData",
                true,
                context.as(Actor.customer(subjectId)),
                List.of(AuditResource.dataSubject(subjectId))));
        return export;
    }
}
