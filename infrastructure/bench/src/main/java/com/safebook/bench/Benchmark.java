package com.safebook.bench;

import com.safebook.aws.config.Settings;
import com.safebook.aws.dynamodb.DynamoDbCatalogRepository;
import com.safebook.bench.measure.AotTraining;
import com.safebook.bench.measure.BookingCost;
import com.safebook.bench.measure.ColdStarts;
import com.safebook.bench.measure.ExecutionEnvironments;
import com.safebook.bench.measure.TransactionShapes;
import com.safebook.bench.measure.WarmRuns;
import com.safebook.bench.probe.ProbeClasspath;
import com.safebook.bench.report.Machine;
import com.safebook.bench.report.Results;
import com.safebook.bench.report.Stats;
import com.safebook.bench.runtime.Invocation;
import com.safebook.bench.runtime.LambdaJavaRuntime;
import com.safebook.bench.runtime.LaunchSpec;
import com.safebook.bench.runtime.RuntimeLibraries;
import com.safebook.bench.stack.FunctionDefinition;
import com.safebook.bench.stack.LocalStackApi;
import com.safebook.bench.stack.TemplateFunctions;
import com.safebook.bench.workload.BenchData;
import com.safebook.bench.workload.Person;
import com.safebook.bench.workload.Workload;
import com.safebook.bench.workload.Workloads;
import com.safebook.http.BufferedUrlConnectionHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * One benchmark run against a running local stack: prepares data through its API, then measures cold
 * starts (interleaved, with and without AOT caches), what a booking costs, and warm latency.
 */
public final class Benchmark {
    /** The functions measured, by report name, and their logical ids in template.yaml. */
    public static final Map<String, String> FUNCTIONS = orderedFunctions();

    static final String FLOOR = "floor";
    static final String FLOOR_TABLE = "BenchFloor";
    /** The bookings table's keys and indexes without its stream, for the transaction shapes. */
    static final String INDEXED_TABLE = "BenchIndexed";

    private static final String FLOOR_JAR = "infrastructure/bench/floor/target/floor.jar";
    private static final int STAFF_DAY_BOOKINGS = 10;
    private static final int AOT_TRAINING_WARM_EVENTS = 10;
    private static final int WARM_POOL = 50;
    private static final int COST_BOOKINGS = 20;
    private static final int AUDIT_WARM_INVOCATIONS = 100;

    private final Options options;
    private final Consumer<String> progress;

    /**
     * @param functions which of {@link #FUNCTIONS} to measure (the floor always is)
     * @param samples cold starts per function and variant
     * @param warmInvocations timed invocations per warm workload (0: no warm runs)
     */
    public record Options(
            Path root,
            URI api,
            Path runtimeDirectory,
            Path workDirectory,
            List<String> functions,
            int samples,
            int warmInvocations,
            boolean aot,
            boolean cost,
            int transactionShapes) {}

    public Benchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Results run() {
        var started = Instant.now();
        var api = new LocalStackApi(options.api());
        var config = api.config();
        var awsEndpoint = config.path("awsEndpointUrl").asText();
        var region = config.path("region").asText(TemplateFunctions.REGION);
        try (var dynamoDb = DynamoDbClient.builder()
                        .endpointOverride(URI.create(awsEndpoint))
                        .region(Region.of(region))
                        .credentialsProvider(local())
                        .httpClient(BufferedUrlConnectionHttpClient.create())
                        .build();
                var kms = KmsClient.builder()
                        .endpointOverride(URI.create(awsEndpoint))
                        .region(Region.of(region))
                        .credentialsProvider(local())
                        .httpClient(BufferedUrlConnectionHttpClient.create())
                        .build()) {
            return run(started, api, awsEndpoint, region, dynamoDb, kms);
        }
    }

    private Results run(
            Instant started,
            LocalStackApi api,
            String awsEndpoint,
            String region,
            DynamoDbClient dynamoDb,
            KmsClient kms) {
        var template = TemplateFunctions.read(options.root(), kms);
        var definitions = new LinkedHashMap<String, FunctionDefinition>();
        var floorJar = options.root().resolve(FLOOR_JAR);
        definitions.put(
                FLOOR,
                template.globals(
                        FLOOR,
                        "BenchFloorFunction",
                        "com.safebook.bench.floor.PutItemFloorHandler::handleRequest",
                        floorJar));
        for (var name : options.functions()) {
            definitions.put(name, template.function(name, FUNCTIONS.get(name)));
        }
        var reference = template.globals(
                "reference",
                "BenchReferenceFunction",
                "com.safebook.bench.floor.TransactWriteFloorHandler::handleRequest",
                floorJar);
        var replay = template.globals(
                "replay",
                "BenchReplayFunction",
                "com.safebook.bench.floor.TransactionReplayHandler::handleRequest",
                floorJar);
        definitions.values().forEach(d -> requireFile(d.jar()));
        createFloorTable(dynamoDb);

        var booking = template.function("booking", FUNCTIONS.get("booking"));
        var settings = new HashMap<>(booking.environment());
        settings.put("AWS_REGION", region);
        var catalog = new DynamoDbCatalogRepository(
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(), Settings.from(settings));
        progress.accept("Preparing data through the stack's API ...");
        var data = BenchData.prepare(api, catalog, Clock.systemUTC(), STAFF_DAY_BOOKINGS);
        var workloads = new Workloads(data, region, TemplateFunctions.ACCOUNT);
        var coldUses = options.samples() * (options.aot() ? 2 : 1) + AOT_TRAINING_WARM_EVENTS + 5;
        var plans = plans(data, workloads, coldUses);
        var runtime = RuntimeLibraries.in(options.runtimeDirectory(), options.workDirectory());
        var environments = new ExecutionEnvironments(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                runtime,
                options.runtimeDirectory(),
                options.workDirectory(),
                awsEndpoint,
                region,
                TemplateFunctions.ACCOUNT);

        var aotCaches = new LinkedHashMap<String, Long>();
        var targets = new ArrayList<ColdStarts.Target>();
        for (var definition : definitions.values()) {
            var name = definition.name();
            var spec = environments.spec(definition);
            var plan = plans.get(name);
            targets.add(new ColdStarts.Target(name, Results.JVM, spec, plan.cold()));
            if (options.aot()) {
                progress.accept("AOT training run: " + name);
                var cache = AotTraining.train(
                        spec,
                        environments.directory(name).resolve(name + ".aot"),
                        plan.cold(),
                        plan.warm().getFirst(),
                        AOT_TRAINING_WARM_EVENTS);
                aotCaches.put(name, size(cache));
                targets.add(new ColdStarts.Target(name, Results.AOT, AotTraining.withCache(spec, cache), plan.cold()));
            }
        }
        progress.accept("Cold starts: " + options.samples() + " rounds of " + targets.size() + " ...");
        var cold = ColdStarts.measure(targets, options.samples(), progress);

        var cost = List.<BookingCost.PerBooking>of();
        if (options.cost() && definitions.containsKey("booking")) {
            cost = cost(environments, definitions.get("booking"), data, workloads, dynamoDb, booking);
        }

        var warm = new LinkedHashMap<String, Map<String, Stats>>();
        Optional<Results.Reference> transaction = Optional.empty();
        var replays = new LinkedHashMap<String, Results.Reference>();
        if (options.warmInvocations() > 0) {
            var replayed = replayWorkload(cost, plans.get("booking"));
            for (var definition : definitions.values()) {
                var plan = plans.get(definition.name());
                int invocations = Math.min(options.warmInvocations(), plan.warmLimit());
                Map<String, List<Invocation>> runs;
                if (definition.name().equals("booking") && replayed.isPresent()) {
                    var both = WarmRuns.measureAlongside(
                            definition.name(),
                            environments.spec(definition),
                            plan.cold(),
                            plan.warm(),
                            environments.spec(replay),
                            replayed.get(),
                            invocations,
                            progress);
                    runs = both.function();
                    both.reference()
                            .forEach((workload, references) -> replays.put(
                                    workload,
                                    new Results.Reference(
                                            replayed.get().description(),
                                            roundTrips(references),
                                            durations(references))));
                } else {
                    runs = WarmRuns.measure(
                            definition.name(),
                            environments.spec(definition),
                            plan.cold(),
                            plan.warm(),
                            invocations,
                            progress);
                }
                var stats = new LinkedHashMap<String, Stats>();
                runs.forEach((workload, timed) -> stats.put(workload, durations(timed)));
                warm.put(definition.name(), stats);
            }
            transaction = Optional.of(reference(environments, reference, cost));
        }
        var shapes = Map.<String, Stats>of();
        if (options.transactionShapes() > 0) {
            progress.accept("Transaction shapes: " + options.transactionShapes() + " of each ...");
            shapes = new TransactionShapes(
                            dynamoDb,
                            FLOOR_TABLE,
                            template.table("BookingsTable", INDEXED_TABLE).toBuilder()
                                    .streamSpecification((StreamSpecification) null)
                                    .build(),
                            booking.environment().get("BOOKINGS_TABLE"),
                            booking.environment().get("AUDIT_TABLE"),
                            booking.environment().get("KEYS_TABLE"),
                            averageItemBytes(cost))
                    .measure(options.transactionShapes());
        }
        var jars = new LinkedHashMap<String, Long>();
        definitions.values().forEach(d -> jars.put(d.name(), size(d.jar())));
        var coldRequests = new LinkedHashMap<String, String>();
        plans.forEach((name, plan) -> coldRequests.put(name, plan.cold().description()));
        return new Results(
                Machine.current(),
                started,
                Duration.between(started, Instant.now()),
                options.samples(),
                options.warmInvocations(),
                launch(environments.spec(definitions.get(FLOOR))),
                List.copyOf(definitions.keySet()),
                coldRequests,
                cold,
                aotCaches,
                warm,
                transaction,
                replays,
                shapes,
                cost,
                jars);
    }

    /**
     * What each function is measured with: its cold start's first request, its warm workloads, and at
     * most how many warm invocations of each make sense.
     */
    private record Plan(Workload cold, List<Workload> warm, int warmLimit) {
        Plan(Workload cold, List<Workload> warm) {
            this(cold, warm, Integer.MAX_VALUE);
        }
    }

    private Map<String, Plan> plans(BenchData data, Workloads workloads, int coldUses) {
        var plans = new LinkedHashMap<String, Plan>();
        var floor = Workloads.floorPut(FLOOR_TABLE);
        plans.put(FLOOR, new Plan(floor, List.of(floor)));
        var warm = options.warmInvocations() > 0;
        for (var name : options.functions()) {
            var plan =
                    switch (name) {
                        case "booking" -> {
                            var newCustomers = new ArrayList<Person>();
                            yield new Plan(
                                    workloads.bookingByNewCustomer(true, new ArrayList<>()),
                                    List.of(
                                            workloads.bookingByNewCustomer(false, newCustomers),
                                            workloads.bookingByReturningCustomer(
                                                    "POST /bookings, returning customer (seen by this instance)",
                                                    () -> newCustomers.subList(
                                                            Math.max(0, newCustomers.size() - 20),
                                                            newCustomers.size()))));
                        }
                        case "consent" -> {
                            progress.accept("Preparing customers for the consent function ...");
                            yield new Plan(
                                    workloads.consentDecisions(data.bookedPeople(coldUses)),
                                    List.of(workloads.consentDecisions(data.bookedPeople(warm ? WARM_POOL : 1))));
                        }
                        case "erasure" -> {
                            progress.accept("Preparing customers for the erasure function ...");
                            yield new Plan(
                                    workloads.exports(data.bookedPeople(coldUses)),
                                    List.of(workloads.exports(data.bookedPeople(warm ? WARM_POOL : 1))));
                        }
                        case "staff" -> new Plan(workloads.staffDayView(), List.of(workloads.staffDayView()));
                        // Hourly in production; back to back, each seal re-reads the hour's partition (see
                        // BENCHMARKS.md).
                        case "audit" ->
                            new Plan(workloads.auditSeal(), List.of(workloads.auditSeal()), AUDIT_WARM_INVOCATIONS);
                        case "retention" ->
                            new Plan(workloads.expiredBookingBatch(), List.of(workloads.expiredBookingBatch()));
                        default -> throw new IllegalArgumentException("No function " + name);
                    };
            plans.put(name, plan);
        }
        return plans;
    }

    private List<BookingCost.PerBooking> cost(
            ExecutionEnvironments environments,
            FunctionDefinition definition,
            BenchData data,
            Workloads workloads,
            DynamoDbClient dynamoDb,
            FunctionDefinition booking) {
        progress.accept("Cost per booking: preparing customers who booked elsewhere ...");
        var bookedElsewhere = data.bookedPeople(COST_BOOKINGS);
        var newCustomers = new ArrayList<Person>();
        var kinds = List.of(
                new BookingCost.Kind(workloads.bookingByNewCustomer(false, newCustomers), COST_BOOKINGS),
                new BookingCost.Kind(
                        workloads.bookingByReturningCustomer(
                                "POST /bookings, returning customer (seen by this instance)", () -> newCustomers),
                        COST_BOOKINGS),
                new BookingCost.Kind(
                        workloads.bookingByReturningCustomer(
                                "POST /bookings, returning customer (first time on this instance)",
                                () -> bookedElsewhere),
                        COST_BOOKINGS),
                new BookingCost.Kind(workloads.bookingByNewCustomer(true, new ArrayList<>()), COST_BOOKINGS));
        var directory = environments.directory("booking-cost");
        var tables = List.of(
                booking.environment().get("BOOKINGS_TABLE"),
                booking.environment().get("AUDIT_TABLE"),
                booking.environment().get("KEYS_TABLE"));
        return BookingCost.measure(
                environments.spec(definition),
                ProbeClasspath.create(directory.resolve("probe")),
                directory.resolve("calls.tsv"),
                workloads.bookingByNewCustomer(false, new ArrayList<>()),
                COST_BOOKINGS,
                kinds,
                dynamoDb,
                tables,
                progress);
    }

    /**
     * The bare-table reference: a {@code TransactWriteItems} with a new customer's booking transaction's
     * item count and average item size, but conditional puts into a table of its own (a key alone, no
     * indexes, no stream), from the same SDK and HTTP client in a JVM started the same way. Kept beside
     * the replays, which the targets use, to show what the booking's tables cost DynamoDB Local.
     */
    private Results.Reference reference(
            ExecutionEnvironments environments, FunctionDefinition reference, List<BookingCost.PerBooking> cost) {
        var shape = cost.stream().findFirst();
        int items = shape.map(c -> (int) Math.round(c.transactionItems()))
                .filter(i -> i > 0)
                .orElse(6);
        int bytes = averageItemBytes(cost);
        var workload = Workloads.transactReference(FLOOR_TABLE, items, bytes);
        var runs = WarmRuns.measure(
                "reference",
                environments.spec(reference),
                workload,
                List.of(workload),
                options.warmInvocations(),
                progress);
        var invocations = runs.get(workload.description());
        return new Results.Reference(workload.description(), roundTrips(invocations), durations(invocations));
    }

    /**
     * The reference the warm booking targets are checked against: a booking's own transaction, as the
     * cost run's probe recorded it from the first of the booking function's warm workloads whose
     * transaction can be sent again (a new customer's: a condition check and puts; a returning
     * customer's extends the key's expiry with updates, which cannot be repeated as they were), for the
     * floor's replay handler to send again with new keys (the same items, sizes, conditions and tables)
     * and time around the call alone. None without the cost run.
     */
    private Optional<Workload> replayWorkload(List<BookingCost.PerBooking> cost, Plan booking) {
        if (booking == null) {
            return Optional.empty();
        }
        var bookings = booking.warm().stream().map(Workload::description).collect(Collectors.toSet());
        var workload = cost.stream()
                .filter(c -> bookings.contains(c.kind()) && c.transaction().isPresent())
                .flatMap(c ->
                        Workloads.transactionReplay(c.kind(), c.transaction().get()).stream())
                .findFirst();
        if (workload.isEmpty()) {
            progress.accept("No booking transaction to replay: the warm bookings are checked against the bare table");
        }
        return workload;
    }

    /** The average size of the items a new customer's booking stores (from the cost run), else 300. */
    private static int averageItemBytes(List<BookingCost.PerBooking> cost) {
        return cost.stream()
                .findFirst()
                .map(c -> {
                    double stored = c.stored().values().stream()
                            .mapToDouble(BookingCost.Stored::bytes)
                            .sum();
                    double count = c.stored().values().stream()
                            .mapToDouble(BookingCost.Stored::items)
                            .sum();
                    return count > 0 ? (int) Math.round(stored / count) : 300;
                })
                .orElse(300);
    }

    /** The round trips a reference handler answered, in microseconds. */
    private static Stats roundTrips(List<Invocation> invocations) {
        return Stats.of(invocations.stream()
                .map(i -> Duration.ofNanos(1_000 * Long.parseLong(i.bodyText().replace("\"", ""))))
                .toList());
    }

    /** The command line and {@code JAVA_TOOL_OPTIONS} of an execution environment, for the results. */
    private static String launch(LaunchSpec spec) {
        var classpath =
                spec.classpath().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(":"));
        return "JAVA_TOOL_OPTIONS=\"" + spec.environment().getOrDefault("JAVA_TOOL_OPTIONS", "") + "\" java "
                + spec.jvmOptions().stream()
                        .map(o -> o.startsWith("-D" + LambdaJavaRuntime.JNI_PROPERTY)
                                ? "-D" + LambdaJavaRuntime.JNI_PROPERTY + "=.../"
                                        + Path.of(o.substring(o.indexOf('=') + 1))
                                                .getFileName()
                                : o)
                        .collect(Collectors.joining(" "))
                + " -classpath " + classpath.replace("floor.jar", "<function>.jar") + " " + LambdaJavaRuntime.MAIN_CLASS
                + " <handler>";
    }

    private static Stats durations(List<Invocation> invocations) {
        return Stats.of(invocations.stream().map(Invocation::duration).toList());
    }

    private static void createFloorTable(DynamoDbClient dynamoDb) {
        try {
            dynamoDb.createTable(r -> r.tableName(FLOOR_TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build()));
        } catch (ResourceInUseException exists) {
            // Made by an earlier run against the same stack.
        }
    }

    private static StaticCredentialsProvider local() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    private static void requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No " + jar + "; build the jars first (./mvnw -B -DskipTests package), or run cold-start.sh");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> orderedFunctions() {
        var functions = new LinkedHashMap<String, String>();
        functions.put("booking", "BookingFunction");
        functions.put("consent", "ConsentFunction");
        functions.put("erasure", "ErasureFunction");
        functions.put("staff", "StaffFunction");
        functions.put("audit", "AuditDigestFunction");
        functions.put("retention", "RetentionFunction");
        return Collections.unmodifiableMap(functions);
    }
}
