package com.safebook.core.booking;

import com.safebook.core.error.Validation;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for the personal data a booking may carry; the least a booking needs, nothing more. */
final class CustomerValidation {
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_NOTES = 2000;
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{Cc}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{6,25}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\r\\t]]");

    private CustomerValidation() {}

    static void check(BookingRequest request, Validation validation) {
        var name = trimmed(request.name());
        validation
                .require(name != null && !name.isEmpty(), "customer.name", "required")
                .require(name == null || name.length() <= MAX_NAME, "customer.name", "too-long")
                .require(
                        name == null || !CONTROL.matcher(name).find() && name.indexOf('\n') < 0,
                        "customer.name",
                        "control-characters")
                .require(!CardNumbers.containsCardNumber(name), "customer.name", "card-number-refused");
        var email = trimmed(request.email());
        validation
                .require(email != null && !email.isEmpty(), "customer.email", "required")
                .require(
                        email == null
                                || email.isEmpty()
                                || email.length() <= MAX_EMAIL
                                        && EMAIL.matcher(email).matches(),
                        "customer.email",
                        "not-an-email-address");
        var phone = trimmed(request.phone());
        validation.require(
                phone == null || PHONE.matcher(phone).matches() && digits(phone) >= 6 && digits(phone) <= 15,
                "customer.phone",
                "not-a-phone-number");
        var notes = request.notes();
        validation
                .require(notes == null || notes.length() <= MAX_NOTES, "notes", "too-long")
                .require(notes == null || !CONTROL.matcher(notes).find(), "notes", "control-characters")
                .require(!CardNumbers.containsCardNumber(notes), "notes", "card-number-refused");
    }

    /** The validated customer, with the email's domain in lower case. */
    static Customer customer(BookingRequest request) {
        var email = trimmed(request.email());
        var at = email.lastIndexOf('@');
        var normalised = email.substring(0, at) + email.substring(at).toLowerCase(Locale.ROOT);
        return new Customer(trimmed(request.name()), normalised, Optional.ofNullable(trimmed(request.phone())));
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }

    private static long digits(String value) {
        return value.chars().filter(Character::isDigit).count();
    }
}
