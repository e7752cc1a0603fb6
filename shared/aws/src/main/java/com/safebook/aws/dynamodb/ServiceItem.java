package com.safebook.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A service of the catalogue: {@code pk = CATALOG}, {@code sk = SERVICE#<id>}, so that one query
 * lists the catalogue. Opening hours are kept as text such as {@code MONDAY=09:00-12:00,13:00-17:00}.
 * Services do not expire.
 */
final class ServiceItem extends TableItem {
    String serviceId;
    String name;
    Integer durationMinutes;
    Long priceMinor;
    String currency;
    String resourceId;
    String timeZone;
    String openingHours;

    static final TableSchema<ServiceItem> SCHEMA = ItemSchema.of(ServiceItem.class, ServiceItem::new)
            .text("serviceId", i -> i.serviceId, (i, v) -> i.serviceId = v)
            .text("name", i -> i.name, (i, v) -> i.name = v)
            .number("durationMinutes", Integer.class, i -> i.durationMinutes, (i, v) -> i.durationMinutes = v)
            .number("priceMinor", Long.class, i -> i.priceMinor, (i, v) -> i.priceMinor = v)
            .text("currency", i -> i.currency, (i, v) -> i.currency = v)
            .text("resourceId", i -> i.resourceId, (i, v) -> i.resourceId = v)
            .text("timeZone", i -> i.timeZone, (i, v) -> i.timeZone = v)
            .text("openingHours", i -> i.openingHours, (i, v) -> i.openingHours = v)
            .build();
}
