package com.safebook.bench.workload;

/**
 * A made-up customer. {@code manageToken} is the token of a booking made through the stack's API, or
 * null for someone who has not booked yet.
 */
public record Person(String name, String email, String phone, String manageToken) {
    public Person withManageToken(String token) {
        return new Person(name, email, phone, token);
    }

    @Override
    public String toString() {
        return "Person[redacted]";
    }
}
