package com.safebook.core.erasure;

import com.safebook.core.booking.Booking;
import com.safebook.core.consent.ConsentRecord;
import java.time.Instant;
import java.util.List;

/** Everything held about one person (GDPR Art. 15 and 20), in memory on its way to them. */
public record PersonalDataExport(
        int schemaVersion,
        Instant exportedAt,
        List<Booking> bookings,
        List<ConsentRecord> consentHistory,
        List<StaffAccess> staffAccesses) {
    public PersonalDataExport {
        bookings = List.copyOf(bookings);
        consentHistory = List.copyOf(consentHistory);
        staffAccesses = List.copyOf(staffAccesses);
    }

    @Override
    public String toString() {
        return "PersonalDataExport[" + bookings.size() + " bookings]";
    }
}
