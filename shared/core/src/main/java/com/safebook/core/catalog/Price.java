package com.safebook.core.catalog;

import java.util.Objects;

/** A price in the currency's minor unit (cents), to avoid floating point. */
public record Price(long amountMinor, String currency) {
    public Price {
        Objects.requireNonNull(currency);
        if (amountMinor < 0) {
            throw new IllegalArgumentException("negative price");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
    }
}
