package com.safebook.core.booking;

/**
 * Finds anything in free text that looks like a payment card number: 13 to 19 digits, optionally
 * grouped by single spaces or dashes, that pass the Luhn check. Card data is never stored.
 */
public final class CardNumbers {
    private static final int MIN = 13;
    private static final int MAX = 19;

    private CardNumbers() {}

    public static boolean containsCardNumber(String text) {
        if (text == null) {
            return false;
        }
        var digits = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if ((c == ' ' || c == '-')
                    && !digits.isEmpty()
                    && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1))
                    && Character.isDigit(text.charAt(i - 1))) {
                continue;
            } else {
                if (runHasCard(digits)) {
                    return true;
                }
                digits.setLength(0);
            }
        }
        return runHasCard(digits);
    }

    /** A whole run of digits is one number: a card number is neither part of a longer one nor split. */
    private static boolean runHasCard(CharSequence digits) {
        return digits.length() >= MIN && digits.length() <= MAX && luhn(digits, 0, digits.length());
    }

    static boolean luhn(CharSequence digits, int from, int length) {
        int sum = 0;
        boolean twice = false;
        for (int i = from + length - 1; i >= from; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
