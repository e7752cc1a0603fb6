package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.aws.config.Settings;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.catalog.CatalogRepository.SaveMode;
import com.safebook.core.catalog.CatalogRepository.SaveOutcome;
import com.safebook.core.catalog.Service;
import com.safebook.core.fake.TestCatalog;
import com.safebook.core.security.SecureIds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Audited catalogue changes against DynamoDB Local: the service and its audit record, or neither. */
class DynamoDbCatalogRepositoryTest {
    private static DynamoDbClient dynamoDb;
    private static Settings settings;
    private static DynamoDbCatalogRepository catalog;
    private final SecureIds ids = new SecureIds();

    @BeforeAll
    static void tables() {
        dynamoDb = LocalDynamoDb.client();
        settings = EncryptedStore.settings(LocalDynamoDb.createTables("catalog"));
        catalog = new DynamoDbCatalogRepository(
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(),
                new AuditItems(new AuditRecordJson(SharedModule.objectMapper())),
                settings);
    }

    @Test
    void save_createThenCreateAgainThenReplace_writesTheAuditRecordOnlyWithTheChange() {
        var service = TestCatalog.service("colour", 60);

        var created = catalog.save(service, SaveMode.CREATE, audit("StaffCreateService", service));
        var again = catalog.save(renamed(service, "Other"), SaveMode.CREATE, audit("StaffCreateService", service));
        var replaced = catalog.save(
                renamed(service, "Colour and cut"), SaveMode.CREATE_OR_REPLACE, audit("StaffReplaceService", service));

        assertThat(created).isEqualTo(SaveOutcome.CREATED);
        assertThat(again).isEqualTo(SaveOutcome.ALREADY_EXISTS);
        assertThat(replaced).isEqualTo(SaveOutcome.REPLACED);
        assertThat(catalog.service("colour").orElseThrow().name()).isEqualTo("Colour and cut");
        assertThat(catalog.service("colour").orElseThrow().openingHours()).isEqualTo(service.openingHours());
        assertThat(dynamoDb.scan(r -> r.tableName(settings.auditTable())).items())
                .filteredOn(item -> item.get("record").s().contains("safebook:service/colour"))
                .extracting(item -> item.get("eventName").s())
                .containsExactlyInAnyOrder("StaffCreateService", "StaffReplaceService");
    }

    @Test
    void save_createOrReplaceOfANewId_isCreated() {
        var service = TestCatalog.service("fresh", 30);

        assertThat(catalog.save(service, SaveMode.CREATE_OR_REPLACE, audit("StaffReplaceService", service)))
                .isEqualTo(SaveOutcome.CREATED);
    }

    private static Service renamed(Service s, String name) {
        return new Service(
                s.serviceId(), name, s.durationMinutes(), s.price(), s.resourceId(), s.timeZone(), s.openingHours());
    }

    private AuditRecord audit(String eventName, Service service) {
        return AuditRecord.success(
                Instant.parse("2026-03-02T08:00:00Z"),
                ids.uuid(),
                "bookings.safebook",
                eventName,
                false,
                new RequestContext(new Actor("StaffUser", "sub-1", List.of("admin"), true), "req", "", ""),
                List.of(AuditResource.service(service.serviceId())));
    }
}
