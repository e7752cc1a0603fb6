package com.safebook.core.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where a data subject's data is, found without reading any of it. */
public interface PersonalDataIndex {

    /** The subject's stored bookings, expired or not, oldest first. */
    List<SubjectBooking> bookingsOf(String subjectId);

    /** The subject of a manage token's lookup item (by the token's hash), unless gone or expired. */
    Optional<String> subjectOfToken(String tokenHash, Instant now);

    /** The subject of an email address, through its blind index, unless there is none (or erased). */
    Optional<String> subjectOfEmail(String email);
}
