package com.safebook.aws.http;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What may be logged of an unexpected failure: the exception classes of the cause chain and the
 * top stack frames, never the messages, which can quote input.
 */
public final class FailureDescription {
    private static final int FRAMES = 8;

    private FailureDescription() {}

    public static String of(Throwable failure) {
        var out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- caused by ");
            }
            out.append(t.getClass().getName())
                    .append(" at ")
                    .append(Arrays.stream(t.getStackTrace())
                            .limit(FRAMES)
                            .map(StackTraceElement::toString)
                            .collect(Collectors.joining(" | ")));
        }
        return out.toString();
    }
}
