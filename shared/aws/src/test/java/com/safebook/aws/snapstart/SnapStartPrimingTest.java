package com.safebook.aws.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.safebook.aws.config.Settings;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.crypto.BlindIndex;
import com.safebook.aws.crypto.CryptoPriming;
import com.safebook.aws.crypto.DynamoDbKeyTable;
import com.safebook.aws.crypto.KmsPriming;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.MetricsPriming;
import com.safebook.aws.crypto.PersonalDataCipher;
import com.safebook.aws.crypto.PowertoolsSecurityMetrics;
import com.safebook.aws.dynamodb.DynamoDbPriming;
import com.safebook.aws.http.BookingView;
import com.safebook.aws.http.JsonPriming;
import com.safebook.aws.testing.CountingSecurityMetrics;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.InMemoryKeyService;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.aws.testing.RawTables;
import com.safebook.core.security.SecureIds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SnapStart hook against DynamoDB Local (or the endpoint the environment names) with an
 * in-memory key service: the order of its steps, that it leaves no key behind, and that priming
 * every adapter reaches no table and uses no key.
 */
class SnapStartPrimingTest {
    private static final Clock CLOCK = Clock.systemUTC();

    /** A request body as the functions have them. */
    record SampleBody(String name, Integer count, List<String> tags) {}

    private static DynamoDbClient dynamoDb;
    private static Settings settings;

    @BeforeAll
    static void tables() {
        dynamoDb = LocalDynamoDb.client();
        settings = EncryptedStore.settings(LocalDynamoDb.createTables("snapstart"));
        dynamoDb.putItem(r -> r.tableName(settings.bookingsTable())
                .item(Map.of("pk", AttributeValue.fromS("SERVICE"), "sk", AttributeValue.fromS("SERVICE#existing"))));
    }

    @Test
    void beforeCheckpoint_primingAndForgettingSteps_runsEveryPrimingStepThenEveryForgettingStep() {
        var ran = new ArrayList<String>();
        var priming = SnapStartPriming.builder()
                .forget("keys", () -> ran.add("forget keys"))
                .prime("json", () -> ran.add("prime json"))
                .prime("sdk", () -> ran.add("prime sdk"))
                .forget("tokens", () -> ran.add("forget tokens"))
                .build();

        priming.beforeCheckpoint(null);

        assertThat(ran).containsExactly("prime json", "prime sdk", "forget keys", "forget tokens");
    }

    @Test
    void startAlongsideInit_thenTheCheckpoint_runsTheInitStepsOnceOnTheirOwnThreadThenTheOthersThenForgets() {
        var ran = Collections.synchronizedList(new ArrayList<String>());
        var priming = SnapStartPriming.builder()
                .primeAlongsideInit(
                        "kms",
                        () -> ran.add("init kms on " + Thread.currentThread().getName()))
                .prime(
                        "json",
                        () -> ran.add("prime json on " + Thread.currentThread().getName()))
                .primeAlongsideInit(
                        "crypto",
                        () -> ran.add("init crypto on " + Thread.currentThread().getName()))
                .forget("keys", () -> ran.add("forget keys"))
                .build();

        priming.startAlongsideInit();
        priming.startAlongsideInit();
        priming.beforeCheckpoint(null);

        assertThat(ran)
                .containsExactly(
                        "init kms on init-priming",
                        "init crypto on init-priming",
                        "prime json on " + Thread.currentThread().getName(),
                        "forget keys");
    }

    @Test
    void beforeCheckpoint_initNotPrimed_runsTheInitStepsFirst() {
        var ran = Collections.synchronizedList(new ArrayList<String>());
        var priming = SnapStartPriming.builder()
                .prime("json", () -> ran.add("prime json"))
                .primeAlongsideInit("kms", () -> ran.add("init kms"))
                .forget("keys", () -> ran.add("forget keys"))
                .build();

        priming.beforeCheckpoint(null);

        assertThat(ran).containsExactly("init kms", "prime json", "forget keys");
    }

    @Test
    void startAlongsideInit_aStepFails_theOtherStepsStillRun() {
        var ran = Collections.synchronizedList(new ArrayList<String>());
        var priming = SnapStartPriming.builder()
                .primeAlongsideInit("broken", () -> {
                    throw new NoClassDefFoundError("software/amazon/Missing");
                })
                .primeAlongsideInit("kms", () -> ran.add("init kms"))
                .build();

        priming.startAlongsideInit();
        priming.beforeCheckpoint(null);

        assertThat(ran).containsExactly("init kms");
    }

    @Test
    void beforeCheckpoint_aPrimingStepFails_runsTheOtherStepsAndStillForgets() {
        var ran = new ArrayList<String>();
        var priming = SnapStartPriming.builder()
                .prime("broken", () -> {
                    throw new IllegalStateException("no such class");
                })
                .prime("json", () -> ran.add("prime json"))
                .forget("keys", () -> ran.add("forget keys"))
                .build();

        priming.beforeCheckpoint(null);

        assertThat(ran).containsExactly("prime json", "forget keys");
    }

    @Test
    void beforeCheckpoint_aForgettingStepFails_failsTheCheckpoint() {
        var priming = SnapStartPriming.builder()
                .forget("keys", () -> {
                    throw new IllegalStateException("cache locked");
                })
                .build();

        assertThatThrownBy(() -> priming.beforeCheckpoint(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void beforeCheckpoint_afterASubjectWasStoredAndCached_forgetsTheSubjectKeyAndTheIndexKey() {
        var keyService = new InMemoryKeyService();
        var keyTable = new DynamoDbKeyTable(dynamoDb, settings, CLOCK);
        var keyring = keyring(keyTable, keyService);
        var email = "snap." + UUID.randomUUID() + "@example.org";
        var subject = keyring.identify(email);
        var expiresAt = CLOCK.instant().plus(Duration.ofDays(1));
        dynamoDb.transactWriteItems(r -> r.transactItems(keyTable.subjectWrites(subject, expiresAt)));
        keyring.stored(subject, expiresAt);
        keyring.identify(email);
        assertThat(keyService.unwrapCalls()).as("cached after the first use").isZero();

        SnapStartPriming.builder()
                .forget("subject and index keys", keyring::forgetAll)
                .build()
                .beforeCheckpoint(null);

        var again = keyring.identify(email);
        assertThat(again.subjectId()).isEqualTo(subject.subjectId());
        assertThat(keyService.unwrapCalls())
                .as("the index key and the subject key are unwrapped again")
                .isEqualTo(2);
    }

    @Test
    void beforeCheckpoint_primingEveryAdapter_writesNothingToAnyTableAndUsesNoKey() {
        var keyService = new InMemoryKeyService();
        var keyring = keyring(new DynamoDbKeyTable(dynamoDb, settings, CLOCK), keyService);
        var json = SharedModule.objectMapper();
        var before = everyItem();

        SnapStartPriming.builder()
                .prime("JSON", () -> JsonPriming.prime(json, List.of(SampleBody.class), List.of(BookingView.class)))
                .prime("DynamoDB", () -> DynamoDbPriming.prime(settings))
                .prime("KMS", () -> {
                    KmsPriming.dataKeys(settings);
                    KmsPriming.signing(settings, "alias/test-signing");
                })
                .prime("AES-GCM and HMAC", () -> CryptoPriming.prime(cipher()))
                .forget("subject and index keys", keyring::forgetAll)
                .build()
                .beforeCheckpoint(null);

        assertThat(everyItem()).isNotEmpty().isEqualTo(before);
        assertThat(keyService.generateCalls() + keyService.unwrapCalls()).isZero();
    }

    @Test
    void prime_eachAdapterCalledDirectly_completesAndReachesNoTable() throws Exception {
        // Called directly, not through the hook, so that a failing step fails this test. The settings
        // name DynamoDB Local as the endpoint: a priming client that sent anything would write there.
        var before = everyItem();

        DynamoDbPriming.prime(settings);
        DynamoDbPriming.requestPath(settings);
        KmsPriming.dataKeys(settings);
        KmsPriming.signing(settings, "alias/test-signing");
        CryptoPriming.prime(cipher());
        JsonPriming.prime(SharedModule.objectMapper(), List.of(SampleBody.class), List.of(BookingView.class));

        assertThat(everyItem()).isNotEmpty().isEqualTo(before);
    }

    @Test
    void metricsPriming_buildsADocument_andPrintsNone() throws Exception {
        // A flush prints the document to standard output, where CloudWatch would count a metric.
        var printed = new ByteArrayOutputStream();
        var out = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            MetricsPriming.prime();
        } finally {
            System.setOut(out);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .doesNotContain("_aws")
                .doesNotContain(PowertoolsSecurityMetrics.STAFF_PERSONAL_DATA_READS);
    }

    @Test
    void prime_recordTypes_buildsAndCachesTheirSerializers() throws Exception {
        var json = SharedModule.objectMapper();
        int cached = ((DefaultSerializerProvider) json.getSerializerProviderInstance()).cachedSerializersCount();

        JsonPriming.prime(json, List.of(SampleBody.class), List.of(BookingView.class, SampleBody.class));

        assertThat(((DefaultSerializerProvider) json.getSerializerProviderInstance()).cachedSerializersCount())
                .isGreaterThan(cached);
    }

    /** Every item of every table, raw, as text. */
    private static List<String> everyItem() {
        return RawTables.scan(dynamoDb, List.of(settings.bookingsTable(), settings.auditTable(), settings.keysTable()))
                .stream()
                .map(item -> new String(item, StandardCharsets.ISO_8859_1))
                .sorted()
                .toList();
    }

    private static KmsSubjectKeyring keyring(DynamoDbKeyTable keyTable, InMemoryKeyService keyService) {
        return new KmsSubjectKeyring(
                keyTable, keyService, new BlindIndex(keyTable, keyService, CLOCK), new SecureIds(), settings, CLOCK);
    }

    private static PersonalDataCipher cipher() {
        return new PersonalDataCipher(new SecureIds(), new CountingSecurityMetrics());
    }
}
