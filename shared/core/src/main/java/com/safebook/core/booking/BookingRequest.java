package com.safebook.core.booking;

/**
 * A customer's request for a booking, as submitted: strings, unvalidated. {@link #toString()}
 * shows no personal data.
 */
public record BookingRequest(String serviceId, String start, String name, String email, String phone, String notes) {
    @Override
    public String toString() {
        return "BookingRequest[" + serviceId + "]";
    }
}
