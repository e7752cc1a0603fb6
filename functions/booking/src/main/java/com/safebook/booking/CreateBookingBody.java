package com.safebook.booking;

import com.safebook.core.booking.BookingRequest;

/** The body of {@code POST /bookings}; unknown fields are refused by the mapper. */
record CreateBookingBody(String serviceId, String start, CustomerBody customer, String notes) {
    record CustomerBody(String name, String email, String phone) {
        @Override
        public String toString() {
            return "CustomerBody[redacted]";
        }
    }

    BookingRequest toRequest() {
        var c = customer == null ? new CustomerBody(null, null, null) : customer;
        return new BookingRequest(serviceId, start, c.name(), c.email(), c.phone(), notes);
    }

    @Override
    public String toString() {
        return "CreateBookingBody[" + serviceId + "]";
    }
}
