package com.safebook.local;

import com.safebook.aws.invariants.Invariant;
import com.safebook.aws.invariants.InvariantReport;
import com.safebook.aws.invariants.StoredDataInvariants;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -jar safebook-local.jar check-invariants}: scans a deployment's (or the local stack's)
 * three tables, read-only, and prints every item that breaks one of {@link Invariant}, by key. Exit
 * status 0 when the store is clean, 1 with violations, 2 on a usage error or when the tables cannot
 * be read. Without {@code --endpoint} it uses the default AWS credentials and region (profile,
 * environment, instance role); it needs {@code dynamodb:Scan} on the three tables, nothing more.
 */
public final class CheckInvariantsCommand {
    static final String USAGE = """
            Usage: java -jar safebook-local.jar check-invariants [options]
              --endpoint URL           a DynamoDB endpoint (the local stack: http://127.0.0.1:4566);
                                       default: AWS, with the default credentials and region
              --region NAME            the region (default: AWS_REGION or the profile's; us-east-1 with --endpoint)
              --bookings-table NAME    default BookingsTable (the local stack's name)
              --audit-table NAME       default AuditTable
              --keys-table NAME        default KeysTable
              --erasure-grace-minutes N  an erasure unfinished for longer is a violation (default 15)
            Exit status: 0 clean, 1 violations (printed by item key), 2 usage error or tables not readable.
            """;

    private static final List<String> FLAGS = List.of(
            "--endpoint", "--region", "--bookings-table", "--audit-table", "--keys-table", "--erasure-grace-minutes");

    /** Ten years: beyond any retention period. */
    private static final long MAX_GRACE_MINUTES = 10L * 366 * 24 * 60;

    private CheckInvariantsCommand() {}

    /** Runs the command; answers its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        Map<String, String> options;
        StoredDataInvariants.Tables tables;
        Duration grace;
        try {
            options = options(args);
            tables = new StoredDataInvariants.Tables(
                    options.getOrDefault("--bookings-table", "BookingsTable"),
                    options.getOrDefault("--audit-table", "AuditTable"),
                    options.getOrDefault("--keys-table", "KeysTable"));
            grace = Duration.ofMinutes(minutes(options.getOrDefault("--erasure-grace-minutes", "15")));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        InvariantReport report;
        try (var dynamoDb = client(options)) {
            report = new StoredDataInvariants(dynamoDb, tables, Clock.systemUTC(), grace).check();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (SdkException e) {
            // The SDK's message names the table or the missing permission, never an item's content.
            err.println("The tables could not be read: " + e.getMessage());
            return 2;
        }
        print(report, tables, out);
        return report.clean() ? 0 : 1;
    }

    private static void print(InvariantReport report, StoredDataInvariants.Tables tables, PrintStream out) {
        out.printf(
                "Checked %s (%d items), %s (%d items), %s (%d items) at %s.%n",
                tables.bookings(),
                report.itemsScanned().getOrDefault(tables.bookings(), 0L),
                tables.audit(),
                report.itemsScanned().getOrDefault(tables.audit(), 0L),
                tables.keys(),
                report.itemsScanned().getOrDefault(tables.keys(), 0L),
                report.checkedAt());
        for (var violation : report.violations()) {
            out.printf(
                    "VIOLATION %s %s %s: %s%n",
                    violation.invariant(), violation.table(), violation.itemKey(), violation.detail());
        }
        for (var pending : report.pendingErasures()) {
            out.printf(
                    "PENDING %s %s: erasure begun at %s, %d s ago (under way; a violation after the grace period)%n",
                    pending.table(),
                    pending.itemKey(),
                    pending.erasedAt(),
                    pending.age().toSeconds());
        }
        var counts = new TreeMap<Invariant, Integer>();
        report.violations().forEach(v -> counts.merge(v.invariant(), 1, Integer::sum));
        counts.forEach((invariant, count) -> out.printf("%6d  %s: %s%n", count, invariant, invariant.rule()));
        out.println(
                report.clean() ? "CLEAN" : "VIOLATIONS: " + report.violations().size());
    }

    private static DynamoDbClient client(Map<String, String> options) {
        var builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        var endpoint = options.get("--endpoint");
        if (endpoint != null) {
            builder.endpointOverride(endpoint(endpoint))
                    // The local stack checks no signature; a real endpoint gets the default credentials.
                    .credentialsProvider(AwsCredentialsProviderChain.builder()
                            .reuseLastProviderEnabled(false)
                            .credentialsProviders(
                                    DefaultCredentialsProvider.builder().build(),
                                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                            .build());
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        var region = options.get("--region");
        if (region != null) {
            builder.region(Region.of(region));
        } else if (endpoint != null) {
            builder.region(defaultRegion().orElse(Region.US_EAST_1));
        } else {
            builder.region(defaultRegion()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "No region: give --region, or set AWS_REGION or a profile's region")));
        }
        return builder.build();
    }

    private static Optional<Region> defaultRegion() {
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkException none) {
            return Optional.empty();
        }
    }

    private static URI endpoint(String value) {
        try {
            var uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("--endpoint must be a URL such as http://127.0.0.1:4566");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--endpoint must be a URL such as http://127.0.0.1:4566", e);
        }
    }

    private static Map<String, String> options(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            var flag = args[i];
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("Unknown option " + flag);
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            options.put(flag, args[++i]);
        }
        return options;
    }

    private static long minutes(String value) {
        try {
            long minutes = Long.parseLong(value);
            if (minutes < 0 || minutes > MAX_GRACE_MINUTES) {
                throw new IllegalArgumentException("--erasure-grace-minutes must be 0 to " + MAX_GRACE_MINUTES);
            }
            return minutes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--erasure-grace-minutes must be a whole number of minutes", e);
        }
    }
}
