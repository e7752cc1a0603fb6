package com.safebook.core.consent;

/** Where a decision was taken: the proof of consent says how it was given. */
public enum ConsentChannel {
    BOOKING_FORM,
    MANAGE_LINK,
    STAFF
}
