package com.safebook.core.booking;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the manage tokens' lookup entries, each naming the pseudonymous subject of its booking.
 * Requests about the person rather than the booking (consents) need only the subject, so they read
 * no booking and decrypt nothing.
 */
public interface ManageTokenIndex {

    /**
     * The subject of the booking whose manage token has this hash ({@link ManageToken#hash}),
     * unless there is none, it was erased, or its retention has ended.
     */
    Optional<String> subjectOf(String tokenHash, Instant now);
}
