package com.safebook.core.booking;

import java.time.Instant;

/**
 * Finds the person behind a manage token, by their pseudonym only: for requests about the person
 * (consents) that need none of the booking's personal data. A missing, malformed or unknown token
 * is the same 404 as {@link BookingAccess}'s.
 */
public final class SubjectAccess {
    private static final int MAX_TOKEN = 128;

    private final ManageTokenIndex tokens;

    public SubjectAccess(ManageTokenIndex tokens) {
        this.tokens = tokens;
    }

    public String subjectWithToken(String manageToken, Instant now) {
        if (manageToken == null || manageToken.isEmpty() || manageToken.length() > MAX_TOKEN) {
            throw BookingAccess.notFound();
        }
        // The lookup is by the token's hash, so finding an entry is the match itself.
        return tokens.subjectOf(ManageToken.hash(manageToken), now).orElseThrow(BookingAccess::notFound);
    }
}
