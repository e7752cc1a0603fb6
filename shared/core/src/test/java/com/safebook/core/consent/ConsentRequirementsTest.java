package com.safebook.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.Validation;
import com.safebook.core.error.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentRequirementsTest {
    private final ConsentRequirements requirements = new ConsentRequirements(PurposeCatalog.DEFAULT);

    @Test
    void check_decidablePurposesTrueOrFalse_isValid() {
        var consents = Map.of("marketing-email", false, "health-notes", true, "do-not-sell-or-share", true);

        assertThatCode(() -> checked(v -> requirements.check(consents, v))).doesNotThrowAnyException();
    }

    @Test
    void check_noConsents_isValid() {
        assertThatCode(() -> checked(v -> requirements.check(null, v))).doesNotThrowAnyException();
        assertThatCode(() -> checked(v -> requirements.check(Map.of(), v))).doesNotThrowAnyException();
    }

    @Test
    void check_unknownPurpose_refusedWithoutEchoingTheKey() {
        var consents = Map.of("ada@example.com", true, "marketing-email", true);

        assertViolations(v -> requirements.check(consents, v), new Violation("consents", "unknown-purpose"));
    }

    @Test
    void check_contractPurpose_refused() {
        assertViolations(
                v -> requirements.check(Map.of("booking", true), v),
                new Violation("consents.booking", "purpose-needs-no-consent"));
    }

    @Test
    void check_nullValue_refused() {
        var consents = new HashMap<String, Boolean>();
        consents.put("appointment-reminders", null);

        assertViolations(
                v -> requirements.check(consents, v),
                new Violation("consents.appointment-reminders", "not-true-or-false"));
    }

    @Test
    void requireFor_healthNotesGranted_isValid() {
        assertThatCode(() -> checked(v -> requirements.requireFor("health-notes", Map.of("health-notes", true), v)))
                .doesNotThrowAnyException();
    }

    @Test
    void requireFor_healthNotesMissingOrWithheld_isConsentRequired() {
        for (var given : List.<Map<String, Boolean>>of(
                Map.of(), Map.of("health-notes", false), Map.of("marketing-email", true))) {
            assertViolations(
                    v -> requirements.requireFor("health-notes", given, v),
                    new Violation("consents.health-notes", "consent-required"));
        }
        assertViolations(
                v -> requirements.requireFor("health-notes", null, v),
                new Violation("consents.health-notes", "consent-required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"booking", "do-not-sell-or-share"})
    void requireFor_purposeWithoutConsent_requiresNothing(String purposeId) {
        assertThatCode(() -> checked(v -> requirements.requireFor(purposeId, Map.of(), v)))
                .doesNotThrowAnyException();
    }

    @Test
    void requireFor_purposeNotInCatalogue_isAProgrammingError() {
        assertThatThrownBy(() -> requirements.requireFor("newsletter", Map.of(), new Validation()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkAndRequireFor_oneValidation_reportsEveryViolationAtOnce() {
        var consents = Map.of("booking", true, "nonsense", true);

        assertViolations(
                v -> {
                    requirements.check(consents, v);
                    requirements.requireFor("health-notes", consents, v);
                },
                new Violation("consents", "unknown-purpose"),
                new Violation("consents.booking", "purpose-needs-no-consent"),
                new Violation("consents.health-notes", "consent-required"));
    }

    private static void checked(Consumer<Validation> check) {
        var validation = new Validation();
        check.accept(validation);
        validation.throwIfInvalid();
    }

    private static void assertViolations(Consumer<Validation> check, Violation... expected) {
        assertThatThrownBy(() -> checked(check))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.violations()).containsExactly(expected));
    }
}
