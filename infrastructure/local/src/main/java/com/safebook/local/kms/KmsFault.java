package com.safebook.local.kms;

/** A failure that tests make the local KMS answer with instead of doing the work. */
public enum KmsFault {
    /** Request rate too high: the SDKs see {@code ThrottlingException} (status 400) and may retry. */
    THROTTLING(400, "ThrottlingException", "Rate exceeded"),
    /** KMS itself is failing: the SDKs see {@code KMSInternalException} (status 500). */
    UNAVAILABLE(
            500,
            "KMSInternalException",
            "The request was rejected because an internal exception occurred." + " The request can be retried.");

    private final int status;
    private final String errorType;
    private final String message;

    KmsFault(int status, String errorType, String message) {
        this.status = status;
        this.errorType = errorType;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    String message() {
        return message;
    }
}
