package com.safebook.bench.runtime;

/** The runtime reported an init error ({@code POST /runtime/init/error}): the handler could not be built. */
public final class RuntimeInitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorType;

    public RuntimeInitException(String errorType, String body) {
        super("The runtime reported an init error " + errorType + ": " + body);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
