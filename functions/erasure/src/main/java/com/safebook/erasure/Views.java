package com.safebook.erasure;

import com.safebook.aws.http.BookingView;
import com.safebook.core.booking.Booking;
import com.safebook.core.consent.ConsentRecord;
import com.safebook.core.erasure.ErasureReceipt;
import com.safebook.core.erasure.PersonalDataExport;
import com.safebook.core.erasure.StaffAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the export and the erasure receipt. */
final class Views {
    private Views() {}

    record ConsentView(
            String purpose,
            int sequence,
            String decision,
            String policyVersion,
            String policyHash,
            String at,
            String channel) {}

    record AccessView(String at, String staffPrincipalId, String eventName, String eventId) {}

    record ExportView(
            int schemaVersion,
            String exportedAt,
            List<BookingView> bookings,
            List<ConsentView> consentHistory,
            List<AccessView> staffAccesses) {}

    record ReceiptView(
            String erasureId,
            String erasedAt,
            String completedAt,
            Map<String, Integer> removed,
            int cancelledBookings,
            boolean keyDestroyed,
            String status) {}

    static ExportView export(PersonalDataExport e) {
        return new ExportView(
                e.schemaVersion(),
                e.exportedAt().toString(),
                e.bookings().stream().map(Views::booking).toList(),
                e.consentHistory().stream().map(Views::consent).toList(),
                e.staffAccesses().stream().map(Views::access).toList());
    }

    static ReceiptView receipt(ErasureReceipt r) {
        var removed = new LinkedHashMap<String, Integer>();
        r.removed().forEach((kind, count) -> removed.put(kind.label(), count));
        return new ReceiptView(
                r.erasureId(),
                r.erasedAt().toString(),
                r.completedAt().toString(),
                removed,
                r.cancelledBookings(),
                r.keyDestroyed(),
                "COMPLETED");
    }

    private static BookingView booking(Booking b) {
        return BookingView.of(b);
    }

    private static ConsentView consent(ConsentRecord c) {
        return new ConsentView(
                c.purposeId(),
                c.sequence(),
                c.decision().name(),
                c.policyVersion(),
                c.policyHash(),
                c.at().toString(),
                c.channel().name());
    }

    private static AccessView access(StaffAccess a) {
        return new AccessView(a.at().toString(), a.staffPrincipalId(), a.eventName(), a.eventId());
    }
}
