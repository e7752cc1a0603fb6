package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.Price;
import com.safebook.core.catalog.Service;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** The catalogue in the bookings table, under one partition. */
public final class DynamoDbCatalogRepository implements CatalogRepository {
    private static final String PARTITION = "CATALOG";
    private static final String PREFIX = "SERVICE#";

    private final DynamoDbTable<ServiceItem> table;

    @Inject
    public DynamoDbCatalogRepository(DynamoDbEnhancedClient enhanced, Settings settings) {
        this.table = enhanced.table(settings.bookingsTable(), ServiceItem.SCHEMA);
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
        table.putItem(item);
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
