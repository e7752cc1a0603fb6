package com.safebook.core.staff;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.error.Validation;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;

/**
 * Use case: staff see one day's bookings with the customers' data. The read is recorded before
 * anything is shown, as one audit record naming every booking and every person in it.
 */
public final class StaffListBookings {
    /** A day longer than this is cut; one audit record then still fits in one DynamoDB item. */
    public static final int MAX_PER_DAY = 200;

    private final BookingRepository bookings;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureIds ids;

    public StaffListBookings(BookingRepository bookings, AuditTrail audit, Clock clock, SecureIds ids) {
        this.bookings = bookings;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    public DayBookings list(StaffIdentity staff, String date, RequestContext context) {
        staff.requireAnyOf(StaffRole.STAFF, StaffRole.ADMIN);
        var day = day(date);
        var now = clock.instant();
        var found = bookings.onDay(day, MAX_PER_DAY + 1, now);
        var shown = found.size() > MAX_PER_DAY ? found.subList(0, MAX_PER_DAY) : found;
        var resources = new ArrayList<AuditResource>();
        for (var booking : shown) {
            resources.add(AuditResource.booking(booking.bookingId()));
        }
        shown.stream()
                .map(b -> AuditResource.dataSubject(b.subjectId()))
                .distinct()
                .forEach(resources::add);
        audit.record(AuditRecord.success(
                now,
                ids.uuid(),
                CreateBooking.EVENT_SOURCE,
                "StaffListBookings",
                true,
                context.as(staff.actor()),
                resources));
        return new DayBookings(day, shown, found.size() > MAX_PER_DAY);
    }

    private static LocalDate day(String date) {
        var validation = new Validation();
        validation.require(date != null && !date.isBlank(), "date", "required");
        LocalDate day = null;
        if (!validation.hasViolation("date")) {
            try {
                day = date.length() == 10 ? LocalDate.parse(date) : null;
            } catch (DateTimeParseException e) {
                day = null;
            }
            validation.require(day != null, "date", "invalid-date");
        }
        validation.throwIfInvalid();
        return day;
    }
}
