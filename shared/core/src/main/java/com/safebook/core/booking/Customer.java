package com.safebook.core.booking;

import java.util.Objects;
import java.util.Optional;

/** The person who booked: personal data, never logged, never shown in {@link #toString()}. */
public record Customer(String name, String email, Optional<String> phone) {
    public Customer {
        Objects.requireNonNull(name);
        Objects.requireNonNull(email);
        Objects.requireNonNull(phone);
    }

    @Override
    public String toString() {
        return "Customer[redacted]";
    }
}
