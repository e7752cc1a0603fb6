package com.safebook.bench.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A function as the harness starts it: from template.yaml, or the harness's own floor.
 *
 * @param name the short name in reports ({@code booking}, {@code floor})
 * @param jar the deployment package ({@code CodeUri})
 * @param environment the function's variables as the template sets them, resolved for the local stack
 */
public record FunctionDefinition(
        String name,
        String logicalId,
        String handler,
        Path jar,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
    }

    public String arn(String region, String account) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + logicalId;
    }
}
