package com.safebook.aws.invariants;

import java.util.Objects;

/**
 * One item that breaks an invariant, named by its table and key only. The detail names other items
 * by key or by pseudonymous id (booking, subject), never by anything personal: the checker does not
 * even read the encrypted attributes.
 *
 * @param itemKey the item's partition key, and {@code /} and its sort key when the table has one
 */
public record InvariantViolation(Invariant invariant, String table, String itemKey, String detail) {
    public InvariantViolation {
        Objects.requireNonNull(invariant);
        Objects.requireNonNull(table);
        Objects.requireNonNull(itemKey);
        Objects.requireNonNull(detail);
    }
}
