package com.safebook.core.privacy;

import java.text.Normalizer;
import java.util.Locale;

/** When two email addresses name the same person: the same characters, ignoring case and spacing. */
public final class EmailAddresses {
    private EmailAddresses() {}

    /** The form the blind index is computed over: Unicode NFC, stripped, in lower case. */
    public static String normalise(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
