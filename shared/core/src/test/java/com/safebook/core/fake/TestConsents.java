package com.safebook.core.fake;

import com.safebook.core.booking.BookingFormConsents;
import com.safebook.core.consent.ConsentDecisionRequest;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.consent.ConsentRetention;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.consent.RecordConsentDecision;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.util.Map;

/** Consents for tests of the booking flow, which records the grants a booking carries. */
public final class TestConsents {
    private TestConsents() {}

    /** The booking form's consents over a ledger and audit trail of their own: booking tests see only theirs. */
    public static BookingFormConsents formConsents(Clock clock) {
        return formConsents(new InMemoryConsentLedger(new InMemoryAuditTrail()), clock);
    }

    public static BookingFormConsents formConsents(ConsentLedger ledger, Clock clock) {
        var record = new RecordConsentDecision(
                ledger, PurposeCatalog.DEFAULT, ConsentRetention.defaults(), clock, new SecureIds());
        return new BookingFormConsents(PurposeCatalog.DEFAULT, record, ledger);
    }

    /** The grant that notes need: explicit consent to keeping health information. */
    public static Map<String, ConsentDecisionRequest> healthNotesGranted() {
        var purpose = PurposeCatalog.DEFAULT.find(PurposeCatalog.HEALTH_NOTES).orElseThrow();
        return Map.of(purpose.id(), new ConsentDecisionRequest(true, purpose.policyVersion()));
    }
}
