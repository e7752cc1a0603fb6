package com.safebook.core.booking;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.util.List;

/** Use case: a customer reads their booking with its manage token; the read is audited. */
public final class GetBooking {
    private final BookingAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureIds ids;

    public GetBooking(BookingAccess access, AuditTrail audit, Clock clock, SecureIds ids) {
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    public Booking get(String bookingId, String manageToken, RequestContext context) {
        var now = clock.instant();
        var booking = access.withToken(bookingId, manageToken, now);
        audit.record(AuditRecord.success(
                now,
                ids.uuid(),
                CreateBooking.EVENT_SOURCE,
                "GetBooking",
                true,
                context.as(Actor.customer(booking.subjectId())),
                List.of(AuditResource.booking(booking.bookingId()), AuditResource.dataSubject(booking.subjectId()))));
        return booking;
    }
}
