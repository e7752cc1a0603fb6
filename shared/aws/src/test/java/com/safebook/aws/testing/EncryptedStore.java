package com.safebook.aws.testing;

import com.safebook.aws.config.Settings;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.crypto.BlindIndex;
import com.safebook.aws.crypto.DynamoDbKeyTable;
import com.safebook.aws.crypto.KeyService;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.PersonalDataCipher;
import com.safebook.aws.dynamodb.AuditItems;
import com.safebook.aws.dynamodb.AuditRecordJson;
import com.safebook.aws.dynamodb.DynamoDbBookingRepository;
import com.safebook.aws.dynamodb.DynamoDbCatalogRepository;
import com.safebook.aws.dynamodb.DynamoDbConsentLedger;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.consent.ConsentRetention;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The booking store as a function wires it, built by hand for adapter tests: the repository, the
 * keyring and the cipher over real DynamoDB tables, with the key service and metrics given.
 */
public final class EncryptedStore {
    private final KeyService keyService;
    private final CountingSecurityMetrics metrics = new CountingSecurityMetrics();
    private final KmsSubjectKeyring keyring;
    private final DynamoDbBookingRepository repository;
    private final DynamoDbConsentLedger consentLedger;
    private final DynamoDbCatalogRepository catalog;

    public EncryptedStore(DynamoDbClient dynamoDb, Settings settings, Clock clock) {
        this(dynamoDb, settings, clock, new InMemoryKeyService());
    }

    public EncryptedStore(DynamoDbClient dynamoDb, Settings settings, Clock clock, KeyService keyService) {
        this.keyService = keyService;
        var ids = new SecureIds();
        var keyTable = new DynamoDbKeyTable(dynamoDb, settings, clock);
        keyring = new KmsSubjectKeyring(
                keyTable, keyService, new BlindIndex(keyTable, keyService, clock), ids, settings, clock);
        var auditItems = new AuditItems(new AuditRecordJson(SharedModule.objectMapper()));
        consentLedger = new DynamoDbConsentLedger(dynamoDb, auditItems, settings);
        catalog = new DynamoDbCatalogRepository(
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(), auditItems, settings);
        repository = new DynamoDbBookingRepository(
                dynamoDb,
                auditItems,
                keyring,
                keyTable,
                consentLedger,
                new PersonalDataCipher(ids, metrics),
                settings,
                clock);
    }

    /** Settings for the tables {@link LocalDynamoDb#createTables} made. */
    public static Settings settings(Map<String, String> tables) {
        return new Settings(
                "us-east-1",
                LocalDynamoDb.endpoint(),
                tables.get("bookings"),
                tables.get("audit"),
                tables.get("keys"),
                "alias/test",
                new Settings.SubjectKeyCache(1000, Duration.ofMinutes(5)),
                RetentionPolicy.defaults(),
                ConsentRetention.ofYears(3));
    }

    public KeyService keyService() {
        return keyService;
    }

    public CountingSecurityMetrics metrics() {
        return metrics;
    }

    public KmsSubjectKeyring keyring() {
        return keyring;
    }

    /** The ledger in the same tables, which bookings with form grants write to. */
    /** The catalogue in the same tables, which every booking's transaction checks its service against. */
    public DynamoDbCatalogRepository catalog() {
        return catalog;
    }

    public DynamoDbConsentLedger consentLedger() {
        return consentLedger;
    }

    public DynamoDbBookingRepository repository() {
        return repository;
    }
}
