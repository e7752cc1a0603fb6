package com.safebook.core.consent;

import com.safebook.core.error.Validation;
import java.util.Map;

/**
 * The consents a booking carries, as purpose id to true (granted; for an opt-out purpose: opted
 * out) or false. The booking flow checks them before it writes anything, adding to its own
 * {@link Validation} so that the caller hears of every problem at once.
 */
public final class ConsentRequirements {
    private static final String FIELD = "consents";

    private final PurposeCatalog catalog;

    public ConsentRequirements(PurposeCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Refuses keys that are not purposes a person decides about, and values that are not true or
     * false. An unknown key is reported on {@code consents} without echoing it: it is submitted
     * data. No consents at all ({@code null}) is valid.
     */
    public void check(Map<String, Boolean> consents, Validation validation) {
        if (consents == null) {
            return;
        }
        validation.require(
                consents.keySet().stream().allMatch(id -> catalog.find(id).isPresent()), FIELD, "unknown-purpose");
        for (var purpose : catalog.purposes()) {
            if (!consents.containsKey(purpose.id())) {
                continue;
            }
            var field = FIELD + "." + purpose.id();
            validation
                    .require(purpose.decidedByPerson(), field, "purpose-needs-no-consent")
                    .require(consents.get(purpose.id()) != null, field, "not-true-or-false");
        }
    }

    /**
     * Refuses processing for {@code purposeId} (for example {@code health-notes} when a booking has
     * notes) unless the booking grants the consent it requires. A purpose that needs no consent,
     * opt-outs included, requires nothing here.
     *
     * @throws IllegalArgumentException if the purpose is not in the catalogue: the booking flow
     *     names it, so that is a programming error
     */
    public void requireFor(String purposeId, Map<String, Boolean> consents, Validation validation) {
        var purpose = catalog.find(purposeId)
                .orElseThrow(() -> new IllegalArgumentException("No purpose " + purposeId + " in the catalogue"));
        if (purpose.requiresConsent()) {
            var granted = consents != null && Boolean.TRUE.equals(consents.get(purposeId));
            validation.require(granted, FIELD + "." + purposeId, "consent-required");
        }
    }
}
