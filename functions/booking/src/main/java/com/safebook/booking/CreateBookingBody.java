package com.safebook.booking;

import com.safebook.core.booking.BookingRequest;
import com.safebook.core.consent.ConsentDecisionRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * The body of {@code POST /bookings}; unknown fields are refused by the mapper. {@code consents}
 * is optional: {@code {"<purpose>": {"granted": true, "policyVersion": "..."}}}.
 */
record CreateBookingBody(
        String serviceId,
        String start,
        CustomerBody customer,
        String notes,
        Map<String, ConsentDecisionBody> consents) {

    /** One decision of the booking form; the same shape as the body of {@code PUT /consents/{purpose}}. */
    record ConsentDecisionBody(Boolean granted, String policyVersion) {}

    record CustomerBody(String name, String email, String phone) {
        @Override
        public String toString() {
            return "CustomerBody[redacted]";
        }
    }

    BookingRequest toRequest() {
        var c = customer == null ? new CustomerBody(null, null, null) : customer;
        Map<String, ConsentDecisionRequest> decisions = null;
        if (consents != null) {
            // A null decision stays null, so that validation can refuse it; Map.copyOf would throw.
            decisions = new HashMap<>();
            for (var entry : consents.entrySet()) {
                var d = entry.getValue();
                decisions.put(
                        entry.getKey(), d == null ? null : new ConsentDecisionRequest(d.granted(), d.policyVersion()));
            }
        }
        return new BookingRequest(serviceId, start, c.name(), c.email(), c.phone(), notes, decisions);
    }

    @Override
    public String toString() {
        return "CreateBookingBody[" + serviceId + "]";
    }
}
