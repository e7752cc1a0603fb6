package com.safebook.bench.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A tiny handler for the emulator's test: echoes what the Runtime API's headers told the runtime. */
public final class EchoHandler implements RequestHandler<Map<String, String>, Map<String, String>> {
    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        if (event.containsKey("fail")) {
            throw new IllegalArgumentException("asked to fail");
        }
        return Map.of(
                "greeting", "hello " + event.get("name"),
                "requestId", context.getAwsRequestId(),
                "functionArn", context.getInvokedFunctionArn(),
                "remainingMillis", Integer.toString(context.getRemainingTimeInMillis()),
                "memoryMb", Integer.toString(context.getMemoryLimitInMB()));
    }
}
