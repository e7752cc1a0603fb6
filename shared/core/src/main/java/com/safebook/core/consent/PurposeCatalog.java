package com.safebook.core.consent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured purposes, in the order a person should see them; immutable. */
public final class PurposeCatalog {
    public static final String BOOKING = "booking";
    public static final String APPOINTMENT_REMINDERS = "appointment-reminders";
    public static final String MARKETING_EMAIL = "marketing-email";
    public static final String HEALTH_NOTES = "health-notes";
    public static final String DO_NOT_SELL_OR_SHARE = "do-not-sell-or-share";

    private static final String FIRST_VERSION = "2026-03-01";

    /** SafeBook's purposes, with the hashes of the policy texts shipped in this module. */
    public static final PurposeCatalog DEFAULT = of(List.of(
            published(
                    BOOKING,
                    LegalBasis.CONTRACT,
                    FIRST_VERSION,
                    "We use your name, email, phone and notes to make, keep and manage your appointment."),
            published(
                    APPOINTMENT_REMINDERS,
                    LegalBasis.CONSENT,
                    FIRST_VERSION,
                    "We remind you of your appointment by email the day before."),
            published(
                    MARKETING_EMAIL,
                    LegalBasis.CONSENT,
                    FIRST_VERSION,
                    "We email you news and offers, at most once a month."),
            published(
                    HEALTH_NOTES,
                    LegalBasis.EXPLICIT_CONSENT,
                    FIRST_VERSION,
                    "We keep health information you write in your booking notes to prepare your appointment."),
            published(
                    DO_NOT_SELL_OR_SHARE,
                    LegalBasis.OPT_OUT,
                    FIRST_VERSION,
                    "Do not sell or share my personal information.")));

    private final Map<String, Purpose> purposes;

    private PurposeCatalog(Map<String, Purpose> purposes) {
        this.purposes = purposes;
    }

    public static PurposeCatalog of(List<Purpose> purposes) {
        var byId = new LinkedHashMap<String, Purpose>();
        for (var purpose : purposes) {
            if (byId.putIfAbsent(purpose.id(), purpose) != null) {
                throw new IllegalArgumentException("Two purposes share the id " + purpose.id());
            }
        }
        return new PurposeCatalog(Collections.unmodifiableMap(byId));
    }

    public Optional<Purpose> find(String purposeId) {
        return purposeId == null ? Optional.empty() : Optional.ofNullable(purposes.get(purposeId));
    }

    public List<Purpose> purposes() {
        return List.copyOf(purposes.values());
    }

    /** The purposes a person decides about (consent and opt-out), which have a ledger. */
    public List<Purpose> decidedByPerson() {
        return purposes.values().stream().filter(Purpose::decidedByPerson).toList();
    }

    private static Purpose published(String id, LegalBasis basis, String version, String description) {
        return Purpose.withPolicyText(id, basis, version, PolicyTexts.require(id, version), description);
    }
}
