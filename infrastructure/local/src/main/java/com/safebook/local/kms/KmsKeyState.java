package com.safebook.local.kms;

/** The key states the local KMS knows, with their names on the wire. */
enum KmsKeyState {
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    PENDING_DELETION("PendingDeletion");

    private final String wireName;

    KmsKeyState(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static KmsKeyState fromWireName(String name) {
        for (var state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown key state " + name);
    }
}
