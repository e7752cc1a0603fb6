package com.safebook.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Builds the static (reflection-free) table schema of an item class: the key and the TTL
 * attribute come with every schema, the item's own attributes are named one per line.
 */
final class ItemSchema<T extends TableItem> {
    private final StaticTableSchema.Builder<T> builder;

    private ItemSchema(Class<T> type, Supplier<T> factory) {
        this.builder = StaticTableSchema.builder(type)
                .newItemSupplier(factory)
                .addAttribute(String.class, a -> a.name("pk")
                        .getter(i -> i.pk)
                        .setter((i, v) -> i.pk = v)
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("sk")
                        .getter(i -> i.sk)
                        .setter((i, v) -> i.sk = v)
                        .tags(primarySortKey()))
                .addAttribute(
                        Long.class,
                        a -> a.name("expiresAt").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v));
    }

    static <T extends TableItem> ItemSchema<T> of(Class<T> type, Supplier<T> factory) {
        return new ItemSchema<>(type, factory);
    }

    ItemSchema<T> text(String name, Function<T, String> getter, BiConsumer<T, String> setter) {
        builder.addAttribute(String.class, a -> a.name(name).getter(getter).setter(setter));
        return this;
    }

    /** A binary attribute: ciphertext. */
    ItemSchema<T> binary(String name, Function<T, byte[]> getter, BiConsumer<T, byte[]> setter) {
        builder.addAttribute(byte[].class, a -> a.name(name).getter(getter).setter(setter));
        return this;
    }

    <N extends Number> ItemSchema<T> number(
            String name, Class<N> type, Function<T, N> getter, BiConsumer<T, N> setter) {
        builder.addAttribute(type, a -> a.name(name).getter(getter).setter(setter));
        return this;
    }

    /** The partition key ({@code partition}) or sort key of a global secondary index. */
    ItemSchema<T> indexKey(
            String name, String index, boolean partition, Function<T, String> getter, BiConsumer<T, String> setter) {
        builder.addAttribute(String.class, a -> a.name(name)
                .getter(getter)
                .setter(setter)
                .tags(partition ? secondaryPartitionKey(index) : secondarySortKey(index)));
        return this;
    }

    TableSchema<T> build() {
        return builder.build();
    }
}
