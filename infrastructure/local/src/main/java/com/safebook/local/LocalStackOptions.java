package com.safebook.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The local stack's flags.
 *
 * @param port the API's port (default 3000; 0 picks a free one)
 * @param awsPort the AWS endpoint's port (default 4566, as LocalStack's edge port; 0 picks a free one)
 * @param dataDirectory where data survives restarts (default {@code .safebook}); empty with {@code --in-memory}
 * @param template the SAM template to run (default {@code template.yaml} here, else the one built in)
 * @param throttleRate requests per second of every method before 429 (default: the template's MethodSettings)
 * @param throttleBurst burst of every method before 429 (default: the template's MethodSettings)
 * @param seedDemoCatalog whether to add the demo services on first start
 * @param ttlSweepSeconds how often expired items are deleted as DynamoDB's TTL would (default 60; 0: never)
 * @param webPort the port of the booking site and the staff dashboard (default 8080; 0 picks a free one)
 */
public record LocalStackOptions(
        int port,
        int awsPort,
        Optional<Path> dataDirectory,
        Optional<Path> template,
        Optional<Double> throttleRate,
        Optional<Double> throttleBurst,
        boolean seedDemoCatalog,
        int ttlSweepSeconds,
        int webPort) {

    public static final String USAGE = """
            Usage: java -jar safebook-local.jar [options]
              --port N          the API's port (default 3000; 0 picks a free one)
              --aws-port N      the AWS endpoint's port: DynamoDB, KMS, Cognito (default 4566)
              --web-port N      the booking site (/) and the staff dashboard (/dashboard/) (default 8080)
              --data-dir DIR    keep data across restarts in DIR (default .safebook)
              --in-memory       keep no data: everything is gone when it stops
              --template FILE   the SAM template to run (default ./template.yaml, else the built-in one)
              --throttle-rate N, --throttle-burst N
                                API throttling of every method (default: the template's
                                MethodSettings, applied per method as API Gateway does)
              --no-demo-data    do not add the demo services on first start
              --ttl-sweep-seconds N
                                delete expired items every N seconds, as DynamoDB's TTL does, so that
                                the retention worker audits them (default 60; 0 never)
              --help            this text
            Commands:
              check-invariants  scan the tables of a deployment or of this stack and report every item that
                                breaks an invariant (check-invariants --help)
            """;

    public static LocalStackOptions defaults() {
        return new LocalStackOptions(
                3000,
                4566,
                Optional.of(Path.of(".safebook")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                60,
                8080);
    }

    /** For tests: free ports (the web server's too), no data kept. */
    public static LocalStackOptions ephemeral() {
        return new LocalStackOptions(
                0, 0, Optional.empty(), Optional.empty(), Optional.of(10_000.0), Optional.of(10_000.0), true, 0, 0);
    }

    public LocalStackOptions withTemplate(Path path) {
        return new LocalStackOptions(
                port,
                awsPort,
                dataDirectory,
                Optional.of(path),
                throttleRate,
                throttleBurst,
                seedDemoCatalog,
                ttlSweepSeconds,
                webPort);
    }

    /** The same options, keeping data in {@code directory}. */
    public LocalStackOptions withDataDirectory(Path directory) {
        return new LocalStackOptions(
                port,
                awsPort,
                Optional.of(directory),
                template,
                throttleRate,
                throttleBurst,
                seedDemoCatalog,
                ttlSweepSeconds,
                webPort);
    }

    public static LocalStackOptions parse(String[] args) {
        var o = defaults();
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            switch (arg) {
                case "--port" ->
                    o = new LocalStackOptions(
                            port(args, ++i, arg),
                            o.awsPort,
                            o.dataDirectory,
                            o.template,
                            o.throttleRate,
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--aws-port" ->
                    o = new LocalStackOptions(
                            o.port,
                            port(args, ++i, arg),
                            o.dataDirectory,
                            o.template,
                            o.throttleRate,
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--data-dir" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            Optional.of(Path.of(value(args, ++i, arg))),
                            o.template,
                            o.throttleRate,
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--in-memory" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            Optional.empty(),
                            o.template,
                            o.throttleRate,
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--template" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            o.dataDirectory,
                            Optional.of(Path.of(value(args, ++i, arg))),
                            o.throttleRate,
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--throttle-rate" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            o.dataDirectory,
                            o.template,
                            Optional.of(positive(args, ++i, arg)),
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--throttle-burst" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            o.dataDirectory,
                            o.template,
                            o.throttleRate,
                            Optional.of(positive(args, ++i, arg)),
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--no-demo-data" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            o.dataDirectory,
                            o.template,
                            o.throttleRate,
                            o.throttleBurst,
                            false,
                            o.ttlSweepSeconds,
                            o.webPort);
                case "--ttl-sweep-seconds" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            o.dataDirectory,
                            o.template,
                            o.throttleRate,
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            seconds(args, ++i, arg),
                            o.webPort);
                case "--web-port" ->
                    o = new LocalStackOptions(
                            o.port,
                            o.awsPort,
                            o.dataDirectory,
                            o.template,
                            o.throttleRate,
                            o.throttleBurst,
                            o.seedDemoCatalog,
                            o.ttlSweepSeconds,
                            port(args, ++i, arg));
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        return o;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int port(String[] args, int i, String flag) {
        return wholeNumber(args, i, flag, 0, 65535, " must be a port number (0 to 65535)");
    }

    private static int seconds(String[] args, int i, String flag) {
        return wholeNumber(args, i, flag, 0, Integer.MAX_VALUE, " must be a whole number of seconds (0 or more)");
    }

    private static int wholeNumber(String[] args, int i, String flag, int min, int max, String expected) {
        try {
            int number = Integer.parseInt(value(args, i, flag));
            if (number < min || number > max) {
                throw new IllegalArgumentException(flag + expected);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + expected, e);
        }
    }

    private static double positive(String[] args, int i, String flag) {
        try {
            double value = Double.parseDouble(value(args, i, flag));
            if (!(value > 0)) {
                throw new IllegalArgumentException(flag + " must be a positive number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a positive number", e);
        }
    }
}
