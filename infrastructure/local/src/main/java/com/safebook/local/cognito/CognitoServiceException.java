package com.safebook.local.cognito;

/**
 * A Cognito error answer: {@code type} is the {@code __type} the SDKs map to an exception class. Messages are
 * Cognito's own wording and never carry passwords, codes, tokens or secrets.
 */
final class CognitoServiceException extends RuntimeException {
    private final String type;

    CognitoServiceException(String type, String message) {
        // No stack trace: these are answers to clients, not faults of the emulator.
        super(message, null, false, false);
        this.type = type;
    }

    String type() {
        return type;
    }

    static CognitoServiceException invalidParameter(String message) {
        return new CognitoServiceException("InvalidParameterException", message);
    }

    static CognitoServiceException notAuthorized(String message) {
        return new CognitoServiceException("NotAuthorizedException", message);
    }

    static CognitoServiceException userNotFound() {
        return new CognitoServiceException("UserNotFoundException", "User does not exist.");
    }
}
