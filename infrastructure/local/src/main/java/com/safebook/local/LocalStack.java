package com.safebook.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.dynamodb.DynamoDbCatalogRepository;
import com.safebook.local.api.ApiGatewayStandIn;
import com.safebook.local.aws.AwsEndpoint;
import com.safebook.local.aws.DynamoDbFaults;
import com.safebook.local.cognito.CognitoTokenVerifier;
import com.safebook.local.cognito.LocalCognito;
import com.safebook.local.cognito.TemplateUserPool;
import com.safebook.local.dynamodb.DynamoDbLocalServer;
import com.safebook.local.dynamodb.TableProvisioner;
import com.safebook.local.kms.LocalKms;
import com.safebook.local.streams.LocalRetention;
import com.safebook.local.template.ApiThrottling;
import com.safebook.local.template.SamTemplate;
import com.safebook.local.web.LocalWebSite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * The whole of SafeBook on one machine, in one JVM: DynamoDB Local with the tables of
 * template.yaml, the AWS endpoint (with the template's KMS keys and user pool), and the API
 * Gateway stand-in running the real handlers behind the template's authorizers.
 * {@code java -jar safebook-local.jar --help} lists the flags. The only class that prints.
 */
public final class LocalStack implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    private static final String HOST = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The operators' command: {@code java -jar safebook-local.jar check-invariants --help}. */
    static final String CHECK_INVARIANTS = "check-invariants";

    private final List<AutoCloseable> running;
    private final ApiGatewayStandIn api;
    private final AwsEndpoint aws;
    private final LocalKms kms;
    private final LocalRetention retention;
    private final LocalWebSite web;
    private final DynamoDbLocalServer dynamoDbLocal;
    private final long startupMillis;

    private LocalStack(
            List<AutoCloseable> running,
            ApiGatewayStandIn api,
            AwsEndpoint aws,
            LocalKms kms,
            LocalRetention retention,
            LocalWebSite web,
            DynamoDbLocalServer dynamoDbLocal,
            long startupMillis) {
        this.running = running;
        this.api = api;
        this.aws = aws;
        this.kms = kms;
        this.retention = retention;
        this.web = web;
        this.dynamoDbLocal = dynamoDbLocal;
        this.startupMillis = startupMillis;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("log4j2.configurationFile", "classpath:safebook-local-log4j2.xml");
        if (args.length > 0 && args[0].equals(CHECK_INVARIANTS)) {
            System.exit(CheckInvariantsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        LocalStackOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(LocalStackOptions.USAGE);
                return;
            }
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LocalStackOptions.USAGE);
            System.exit(2);
            return;
        }
        var stack = start(options);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nSafeBook local stack stopping.");
                            stack.close();
                            stopped.countDown();
                        },
                        "safebook-shutdown"));
        System.out.printf(
                """

                SafeBook local stack is up in %d ms.
                  Booking site   %s/   (staff dashboard: %s/dashboard/)
                  API            %s   (try: curl %s/services)
                  AWS endpoint   %s   (DynamoDB, KMS, Cognito; aws --endpoint-url %s dynamodb list-tables)
                  Config         %s/local/config
                  Data           %s
                  TTL sweep      %s
                Press Ctrl-C to stop.
                %n""",
                stack.startupMillis,
                stack.webUrl(),
                stack.webUrl(),
                stack.apiUrl(),
                stack.apiUrl(),
                stack.awsEndpointUrl(),
                stack.awsEndpointUrl(),
                stack.apiUrl(),
                options.dataDirectory().map(d -> d.toAbsolutePath().toString()).orElse("in memory (--in-memory)"),
                options.ttlSweepSeconds() > 0
                        ? "every " + options.ttlSweepSeconds() + " s (expired items deleted and audited)"
                        : "off (--ttl-sweep-seconds 0)");
        stopped.await();
    }

    public static LocalStack start(LocalStackOptions options) throws Exception {
        return start(options, Clock.systemUTC());
    }

    /**
     * @param clock the time of the user pool and the authorizers (token lifetimes, sessions, lockouts and
     *     TOTP steps) and of the TTL sweeper (tests move it)
     */
    public static LocalStack start(LocalStackOptions options, Clock clock) throws Exception {
        long started = System.nanoTime();
        // The functions' metrics (embedded metric format) go to standard output, as Lambda's do,
        // instead of probing for a CloudWatch agent or EC2's metadata.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        var running = new ArrayList<AutoCloseable>();
        try {
            var dataDirectory = options.dataDirectory().map(LocalStack::ownerOnlyDirectory);
            var dynamoDbLocal = DynamoDbLocalServer.start(dataDirectory);
            running.add(dynamoDbLocal);

            var aws = new AwsEndpoint(HOST, options.awsPort(), Optional.of(dynamoDbLocal.endpoint()));
            aws.start();
            running.add(aws);

            // Bound now, served last: the API and the AWS endpoint must know the site's origin for CORS.
            var web = new LocalWebSite(HOST, options.webPort());
            running.add(web);
            aws.allowOrigins(web.origins());

            var kms = new LocalKms(REGION, ACCOUNT, dataDirectory);
            var template = createKeys(readTemplate(options), kms);
            aws.register(kms);
            var userPool = TemplateUserPool.read(template);
            var cognito =
                    userPool.map(pool -> new LocalCognito(pool.config(), REGION, aws.url(), dataDirectory, clock));
            cognito.ifPresent(pool -> aws.register(pool).registerPath(pool::jwksAt));
            configureFunctions(template, aws.url());

            var dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(URI.create(aws.url()))
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            running.add(dynamoDb);
            new TableProvisioner(dynamoDb).provision(template);
            if (options.seedDemoCatalog()) {
                DemoCatalog.seedIfEmpty(new DynamoDbCatalogRepository(
                        DynamoDbEnhancedClient.builder()
                                .dynamoDbClient(dynamoDb)
                                .build(),
                        Settings.fromEnvironment()));
            }

            var retention = LocalRetention.start(
                    dynamoDb, dynamoDbLocal.endpoint(), REGION, template, clock, options.ttlSweepSeconds());
            running.add(retention);

            var api = new ApiGatewayStandIn(
                    HOST,
                    options.port(),
                    template,
                    throttling(template, options),
                    cognitoAuthorizers(template, userPool, cognito, clock));
            api.allowOrigins(web.origins());
            api.serveLocal("/local/config", () -> config(api.url(), aws.url(), web.url(), cognito));
            api.start();
            running.add(api);
            web.serve(List.of(api.url(), aws.url()), () -> webConfig(api.url(), aws.url(), cognito));
            web.start();
            return new LocalStack(
                    running, api, aws, kms, retention, web, dynamoDbLocal, (System.nanoTime() - started) / 1_000_000);
        } catch (Exception | Error e) {
            closeAll(running);
            throw e;
        }
    }

    public String apiUrl() {
        return api.url();
    }

    /** The booking site; the staff dashboard is at {@code /dashboard/}. */
    public String webUrl() {
        return web.url();
    }

    public String awsEndpointUrl() {
        return aws.url();
    }

    /**
     * DynamoDB Local itself, which the AWS endpoint passes DynamoDB's requests to: for tests that
     * drive the handlers in this JVM by the thousand and can spare the extra hop.
     */
    public String dynamoDbLocalUrl() {
        return dynamoDbLocal.endpoint();
    }

    /** The KMS stand-in, for its call counts and fault injection. */
    public LocalKms kms() {
        return kms;
    }

    /** The faults injected into DynamoDB requests, to stop a function between two of its steps. */
    public DynamoDbFaults dynamoDbFaults() {
        return aws.dynamoDbFaults();
    }

    /**
     * Stops DynamoDB Local, waits {@code downtime} (its clients get 500s, which the SDK retries, and
     * then 503s from the functions), and starts it again over the same data. Needs a data directory:
     * a stack in memory refuses, as a restart would lose everything.
     */
    public void restartDynamoDb(Duration downtime) throws Exception {
        dynamoDbLocal.restart(downtime);
    }

    /**
     * Deletes every item whose TTL has passed by the stack's clock, as DynamoDB's TTL would, and
     * delivers the resulting stream records to the functions subscribed (the retention worker) before
     * it returns; returns how many items it deleted. Runs by itself every {@code --ttl-sweep-seconds}.
     */
    public int sweepExpiredItems() {
        return retention.sweepNow();
    }

    public long startupMillis() {
        return startupMillis;
    }

    @Override
    public void close() {
        closeAll(running);
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop " + running.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        running.clear();
    }

    /** What a client needs to reach the stack; the app client is the pool's first, the dashboard's. */
    private static byte[] config(String apiUrl, String awsUrl, String webUrl, Optional<LocalCognito> cognito) {
        var json = JSON.createObjectNode()
                .put("apiUrl", apiUrl)
                .put("awsEndpointUrl", awsUrl)
                .put("webUrl", webUrl)
                .put("region", REGION);
        cognito.ifPresent(pool -> json.put("userPoolId", pool.userPoolId())
                .put(
                        "userPoolClientId",
                        pool.clientId(pool.config().appClients().getFirst())));
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The pages' config.json, with the fields the deployment writes: the Cognito endpoint is the AWS
     * endpoint here, {@code https://cognito-idp.<region>.amazonaws.com/} in AWS.
     */
    private static byte[] webConfig(String apiUrl, String awsUrl, Optional<LocalCognito> cognito) {
        var json = JSON.createObjectNode()
                .put("apiUrl", apiUrl)
                .put("region", REGION)
                .put("cognitoEndpoint", awsUrl + "/");
        cognito.ifPresent(pool -> json.put("userPoolId", pool.userPoolId())
                .put(
                        "userPoolClientId",
                        pool.clientId(pool.config().appClients().getFirst())));
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A verifier for each Cognito authorizer of the template whose pools are the one the stack runs. The
     * API stand-in refuses to start if a route needs any other authorizer.
     */
    private static Map<String, CognitoTokenVerifier> cognitoAuthorizers(
            SamTemplate template, Optional<TemplateUserPool> userPool, Optional<LocalCognito> cognito, Clock clock) {
        var verifiers = new HashMap<String, CognitoTokenVerifier>();
        if (userPool.isEmpty() || cognito.isEmpty()) {
            return verifiers;
        }
        var verifier = new CognitoTokenVerifier(cognito.get(), clock);
        for (var authorizer : template.authorizers()) {
            if (authorizer.cognito()
                    && authorizer.userPools().equals(List.of(userPool.get().logicalId()))) {
                verifiers.put(authorizer.name(), verifier);
            }
        }
        return verifiers;
    }

    /**
     * The handlers run in this JVM and read their settings from system properties of the same
     * names as the environment variables the template gives them (see {@code Settings}).
     */
    private static void configureFunctions(SamTemplate template, String awsUrl) {
        var environment = new LinkedHashMap<String, String>();
        for (var function : template.functions()) {
            environment.putAll(function.environment());
        }
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove("POWERTOOLS_SERVICE_NAME");
        // The stand-in, as the gateway, answers CORS for the local site's origins (127.0.0.1 and localhost).
        environment.remove("SITE_ORIGIN");
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_ENDPOINT_URL", awsUrl);
        environment.forEach(System::setProperty);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.region", REGION);
    }

    /**
     * Creates each AWS::KMS::Key of the template, with the aliases that name it, as CloudFormation
     * would; returns the template with the keys' ids, ARNs and alias names resolved.
     */
    private static SamTemplate createKeys(SamTemplate template, LocalKms kms) {
        var aliases = template.resources("AWS::KMS::Alias");
        var resolved = new LinkedHashMap<String, String>();
        aliases.forEach((logicalId, alias) -> resolved.put(logicalId, template.resolve(alias.path("AliasName"))));
        template.resources("AWS::KMS::Key").forEach((logicalId, properties) -> {
            var names = new ArrayList<String>();
            aliases.values().forEach(alias -> {
                if (logicalId.equals(template.resolve(alias.path("TargetKeyId")))) {
                    names.add(template.resolve(alias.path("AliasName")));
                }
            });
            var key = kms.ensureKey(
                    logicalId,
                    properties.path("KeySpec").asText(null),
                    properties.path("KeyUsage").asText(null),
                    names,
                    template.resolve(properties.path("Description")));
            resolved.put(logicalId, key.keyId());
            resolved.put(logicalId + ".Arn", key.arn());
            resolved.put(logicalId + ".KeyId", key.keyId());
        });
        return template.withResolved(resolved);
    }

    /** The template's throttling, unless the flags set one rate and burst for every method. */
    private static ApiThrottling throttling(SamTemplate template, LocalStackOptions options) {
        var throttling = template.throttling();
        if (options.throttleRate().isEmpty() && options.throttleBurst().isEmpty()) {
            return throttling;
        }
        var stage = throttling.stageDefault();
        return throttling.everyMethod(new ApiThrottling.Limits(
                options.throttleRate().orElse(stage.ratePerSecond()),
                options.throttleBurst().orElse(stage.burst())));
    }

    private static SamTemplate readTemplate(LocalStackOptions options) throws IOException {
        var pseudo = Map.of(
                "AWS::Region",
                REGION,
                "AWS::AccountId",
                "000000000000",
                "AWS::Partition",
                "aws",
                "AWS::StackName",
                "safebook-local",
                "Stage",
                "local");
        var path = options.template()
                .or(() -> Optional.of(Path.of("template.yaml")).filter(Files::isRegularFile));
        try (InputStream in = path.isPresent()
                ? Files.newInputStream(path.get())
                : LocalStack.class.getResourceAsStream("/template.yaml")) {
            if (in == null) {
                throw new IOException("No template.yaml here and none built in");
            }
            return SamTemplate.read(in, pseudo);
        }
    }

    private static Path ownerOnlyDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            try {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory inherits the user profile's permissions.
            }
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + directory, e);
        }
    }
}
