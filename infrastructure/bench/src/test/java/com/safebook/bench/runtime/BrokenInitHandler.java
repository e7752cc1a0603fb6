package com.safebook.bench.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler whose init fails, as one whose configuration is missing would. */
public final class BrokenInitHandler implements RequestHandler<Map<String, String>, String> {
    public BrokenInitHandler() {
        throw new IllegalStateException("no configuration");
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        return "never";
    }
}
