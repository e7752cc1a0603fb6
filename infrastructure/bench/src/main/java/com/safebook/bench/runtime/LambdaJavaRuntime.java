package com.safebook.bench.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How Lambda's managed Java runtime starts the JVM, so that a function here starts as it does there.
 *
 * <p>The command line is the one the runtime's bootstrap runs, as recorded from inside a {@code java17}
 * function at 1024 MB (sigpwned/the-lambda-iceberg-dissecting-the-official-java-runtimes,
 * {@code data/17/1024.txt}):
 *
 * <pre>
 * /var/lang/bin/java -XX:MaxHeapSize=891289k -javaagent:/var/runtime/lib/Log4jHotPatch.jar=...
 *   -XX:+UseSerialGC -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa
 *   -XX:+TieredCompilation -XX:TieredStopAtLevel=1 --add-opens=java.base/java.io=ALL-UNNAMED
 *   -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac -Djava.net.preferIPv4Stack=true
 *   -XX:+ErrorFileToStderr
 *   -Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=/var/runtime/lib/jni/...so
 *   -classpath /var/runtime/lib/aws-lambda-java-core-*.jar:...runtime-interface-client-*.jar:...serialization-*.jar
 *   com.amazonaws.services.lambda.runtime.api.client.AWSLambda &lt;handler&gt;
 * </pre>
 *
 * with the changes AWS documents for {@code java25} (the "Customize Java runtime startup behavior" page
 * of the Lambda guide, and "AWS Lambda now supports Java 25"): the Log4Shell hot-patch agent is gone,
 * and tiered compilation still stops at level 1 unless SnapStart or provisioned concurrency is on
 * (neither applies to an on-demand cold start). The {@code java25} bootstrap itself is not published
 * in readable form (aws-lambda-base-images holds only image layers), so this is the closest documented
 * command line. The heap is 85% of the function's memory (891289k of 1024 MB above).
 *
 * <p>{@code --enable-native-access=ALL-UNNAMED} is assumed: since JDK 24 (JEP 472) the JVM warns when
 * the runtime interface client loads its native HTTP client, and a {@code java25} runtime has to allow
 * it or every function's log would start with that warning.
 *
 * <p>Two deviations, both the same for every function and the floor: Lambda's {@code runtime.jsa} (a CDS
 * archive of its runtime's classes) is not available, so the JDK's default CDS archive is used
 * ({@code -Xshare:on} alone); and the function jar is on the class path after the runtime's jars,
 * where Lambda unpacks it into {@code /var/task} and loads it through the runtime's child class loader.
 * Either way the runtime's classes win over the copies inside a function jar.
 */
public final class LambdaJavaRuntime {
    /** The runtime interface client's entry point. */
    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** The system property that names the runtime interface client's native library. */
    public static final String JNI_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private LambdaJavaRuntime() {}

    /** The JVM options before {@code -classpath}, for a function of {@code memoryMb} megabytes. */
    public static List<String> jvmOptions(int memoryMb, Path jniLibrary) {
        var options = new ArrayList<String>();
        options.add("-XX:MaxHeapSize=" + maxHeapKilobytes(memoryMb) + "k");
        options.add("-XX:+UseSerialGC");
        options.add("-Xshare:on");
        options.add("-XX:+TieredCompilation");
        options.add("-XX:TieredStopAtLevel=1");
        options.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        options.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        options.add("-Djava.net.preferIPv4Stack=true");
        options.add("-XX:+ErrorFileToStderr");
        options.add("--enable-native-access=ALL-UNNAMED");
        options.add("-D" + JNI_PROPERTY + "=" + jniLibrary.toAbsolutePath());
        return List.copyOf(options);
    }

    /** 85% of the function's memory, in kilobytes, rounded down (891289 for 1024 MB, as Lambda sets it). */
    static long maxHeapKilobytes(int memoryMb) {
        return memoryMb * 1024L * 85 / 100;
    }
}
