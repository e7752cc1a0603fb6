package com.safebook.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A service of the catalogue: {@code pk = CATALOG}, {@code sk = SERVICE#<id>}, so that one query
 * lists the catalogue. Opening hours are kept as text such as {@code MONDAY=09:00-12:00,13:00-17:00}.
 */
final class ServiceItem {
    String pk;
    String sk;
    String serviceId;
    String name;
    Integer durationMinutes;
    Long priceMinor;
    String currency;
    String resourceId;
    String timeZone;
    String openingHours;

    static final TableSchema<ServiceItem> SCHEMA = StaticTableSchema.builder(ServiceItem.class)
            .newItemSupplier(ServiceItem::new)
            .addAttribute(String.class, a -> a.name("pk")
                    .getter(i -> i.pk)
                    .setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk")
                    .getter(i -> i.sk)
                    .setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("serviceId").getter(i -> i.serviceId).setter((i, v) -> i.serviceId = v))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
            .addAttribute(Integer.class, a -> a.name("durationMinutes")
                    .getter(i -> i.durationMinutes)
                    .setter((i, v) -> i.durationMinutes = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("priceMinor").getter(i -> i.priceMinor).setter((i, v) -> i.priceMinor = v))
            .addAttribute(
                    String.class,
                    a -> a.name("currency").getter(i -> i.currency).setter((i, v) -> i.currency = v))
            .addAttribute(
                    String.class,
                    a -> a.name("resourceId").getter(i -> i.resourceId).setter((i, v) -> i.resourceId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("timeZone").getter(i -> i.timeZone).setter((i, v) -> i.timeZone = v))
            .addAttribute(
                    String.class,
                    a -> a.name("openingHours").getter(i -> i.openingHours).setter((i, v) -> i.openingHours = v))
            .build();
}
