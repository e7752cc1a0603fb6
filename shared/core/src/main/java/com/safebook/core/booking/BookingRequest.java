package com.safebook.core.booking;

import com.safebook.core.consent.ConsentDecisionRequest;
import java.util.Map;

/**
 * A customer's request for a booking, as submitted: strings, unvalidated. {@link #toString()}
 * shows no personal data.
 *
 * @param consents the decisions given on the booking form, by purpose id; null for none
 */
public record BookingRequest(
        String serviceId,
        String start,
        String name,
        String email,
        String phone,
        String notes,
        Map<String, ConsentDecisionRequest> consents) {

    public BookingRequest(String serviceId, String start, String name, String email, String phone, String notes) {
        this(serviceId, start, name, email, phone, notes, null);
    }

    @Override
    public String toString() {
        return "BookingRequest[" + serviceId + "]";
    }
}
