package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.aws.config.SharedModule;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.Price;
import com.safebook.core.catalog.Service;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The catalogue in the bookings table, under one partition. An administrator's change is one
 * transaction with its audit record.
 */
public final class DynamoDbCatalogRepository implements CatalogRepository {
    private static final String PARTITION = "CATALOG";
    private static final String PREFIX = "SERVICE#";

    static final Expression NEW_ITEM =
            Expression.builder().expression("attribute_not_exists(pk)").build();

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ServiceItem> table;
    private final DynamoDbTable<AuditItem> auditTable;
    private final AuditItems auditItems;
    private final Settings settings;

    @Inject
    public DynamoDbCatalogRepository(DynamoDbEnhancedClient enhanced, AuditItems auditItems, Settings settings) {
        this.enhanced = enhanced;
        this.table = enhanced.table(settings.bookingsTable(), ServiceItem.SCHEMA);
        this.auditTable = enhanced.table(settings.auditTable(), AuditItem.SCHEMA);
        this.auditItems = auditItems;
        this.settings = settings;
    }

    /** For seed data and tests, which store services without audit records. */
    public DynamoDbCatalogRepository(DynamoDbEnhancedClient enhanced, Settings settings) {
        this(enhanced, new AuditItems(new AuditRecordJson(SharedModule.objectMapper())), settings);
    }

    @Override
    public List<Service> services() {
        return table
                .query(r -> r.queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(PARTITION)
                                .sortValue(PREFIX)
                                .build()))
                        .consistentRead(true))
                .items()
                .stream()
                .map(DynamoDbCatalogRepository::toService)
                .toList();
    }

    @Override
    public Optional<Service> service(String serviceId) {
        if (serviceId == null || serviceId.length() > 64) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(r -> r.key(key(serviceId)).consistentRead(true)))
                .map(DynamoDbCatalogRepository::toService);
    }

    @Override
    public void save(Service service) {
        table.putItem(toItem(service));
    }

    @Override
    public SaveOutcome save(Service service, SaveMode mode, AuditRecord audit) {
        // A replacement needs no condition; whether it replaced anything is only the answer's status.
        var existed = mode == SaveMode.CREATE_OR_REPLACE
                && service(service.serviceId()).isPresent();
        var put = TransactPutItemEnhancedRequest.builder(ServiceItem.class).item(toItem(service));
        if (mode == SaveMode.CREATE) {
            put.conditionExpression(NEW_ITEM);
        }
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table, put.build())
                    .addPutItem(
                            auditTable,
                            TransactPutItemEnhancedRequest.builder(AuditItem.class)
                                    .item(auditItems.toItem(
                                            audit, settings.retention().audit()))
                                    .conditionExpression(NEW_ITEM)
                                    .build())
                    .build());
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (mode == SaveMode.CREATE
                    && !reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.getFirst().code())) {
                return SaveOutcome.ALREADY_EXISTS;
            }
            throw e;
        }
        return existed ? SaveOutcome.REPLACED : SaveOutcome.CREATED;
    }

    /**
     * A transaction's check that the catalogue holds {@code service} exactly as this adapter stores
     * it: every attribute equal, those it leaves out absent. Any save that changes anything about
     * the service, whoever makes it, and its removal fail the check.
     */
    static TransactWriteItem unchanged(String table, Service service) {
        var item = ServiceItem.SCHEMA.itemToMap(toItem(service), true);
        var names = new HashMap<String, String>();
        var values = new HashMap<String, AttributeValue>();
        var condition = new StringBuilder("attribute_exists(pk)");
        int n = 0;
        for (var attribute : ServiceItem.SCHEMA.attributeNames()) {
            if (attribute.equals("pk") || attribute.equals("sk")) {
                continue;
            }
            var name = "#a" + n;
            names.put(name, attribute);
            var stored = item.get(attribute);
            if (stored == null) {
                condition.append(" AND attribute_not_exists(").append(name).append(')');
            } else {
                condition.append(" AND ").append(name).append(" = :v").append(n);
                values.put(":v" + n, stored);
            }
            n++;
        }
        return TransactWriteItem.builder()
                .conditionCheck(ConditionCheck.builder()
                        .tableName(table)
                        .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                        .conditionExpression(condition.toString())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build())
                .build();
    }

    private static ServiceItem toItem(Service service) {
        var item = new ServiceItem();
        item.pk = PARTITION;
        item.sk = PREFIX + service.serviceId();
        item.serviceId = service.serviceId();
        item.name = service.name();
        item.durationMinutes = service.durationMinutes();
        item.priceMinor = service.price().map(Price::amountMinor).orElse(null);
        item.currency = service.price().map(Price::currency).orElse(null);
        item.resourceId = service.resourceId();
        item.timeZone = service.timeZone().getId();
        item.openingHours = OpeningHoursText.write(service.openingHours());
        return item;
    }

    private static Key key(String serviceId) {
        return Key.builder()
                .partitionValue(PARTITION)
                .sortValue(PREFIX + serviceId)
                .build();
    }

    private static Service toService(ServiceItem item) {
        return new Service(
                item.serviceId,
                item.name,
                item.durationMinutes,
                item.priceMinor == null ? Optional.empty() : Optional.of(new Price(item.priceMinor, item.currency)),
                item.resourceId,
                ZoneId.of(item.timeZone),
                OpeningHoursText.read(item.openingHours));
    }
}
