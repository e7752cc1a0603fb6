package com.safebook.core.booking;

public enum BookingStatus {
    CONFIRMED,
    CANCELLED
}
