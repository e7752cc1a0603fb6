package com.safebook.bench.runtime;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The variables Lambda sets in every Java execution environment (its "reserved" environment variables),
 * without the Runtime API's address, which {@link LambdaProcess} adds, and without credentials.
 */
public final class LambdaEnvironment {
    private LambdaEnvironment() {}

    /**
     * @param taskRoot {@code LAMBDA_TASK_ROOT}, the process's working directory
     * @param runtimeDirectory {@code LAMBDA_RUNTIME_DIR}
     */
    public static Map<String, String> variables(
            String functionName, int memoryMb, String handler, String region, Path taskRoot, Path runtimeDirectory) {
        var variables = new LinkedHashMap<String, String>();
        variables.put("_HANDLER", handler);
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        variables.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        variables.put(
                "AWS_LAMBDA_LOG_STREAM_NAME",
                LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]"
                        + UUID.randomUUID().toString().replace("-", ""));
        variables.put("AWS_REGION", region);
        variables.put("AWS_DEFAULT_REGION", region);
        variables.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        variables.put("LAMBDA_TASK_ROOT", taskRoot.toAbsolutePath().toString());
        variables.put("LAMBDA_RUNTIME_DIR", runtimeDirectory.toAbsolutePath().toString());
        variables.put("LANG", "en_US.UTF-8");
        variables.put("TZ", ":UTC");
        variables.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        return variables;
    }
}
