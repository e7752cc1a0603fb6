package com.safebook.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PurposeCatalogTest {

    @Test
    void default_fivePurposes_withTheirLegalBases() {
        assertThat(PurposeCatalog.DEFAULT.purposes())
                .extracting(Purpose::id, Purpose::legalBasis)
                .containsExactly(
                        tuple("booking", LegalBasis.CONTRACT),
                        tuple("appointment-reminders", LegalBasis.CONSENT),
                        tuple("marketing-email", LegalBasis.CONSENT),
                        tuple("health-notes", LegalBasis.EXPLICIT_CONSENT),
                        tuple("do-not-sell-or-share", LegalBasis.OPT_OUT));
        assertThat(PurposeCatalog.DEFAULT.decidedByPerson())
                .extracting(Purpose::id)
                .containsExactly("appointment-reminders", "marketing-email", "health-notes", "do-not-sell-or-share");
    }

    /**
     * Pins the published texts: a text that changes under the same version would make every grant
     * to it prove agreement to words the person never saw. Publish a new version file instead.
     */
    @ParameterizedTest
    @CsvSource({
        "booking, d112b708350fe04e6b3c4581ae36aaff832646aea9b292d8ae98fe0805b8b54a",
        "appointment-reminders, 4e5bc45dd8ba3e72e689024d9451355b047ff0d442d631249969889dbca40c5e",
        "marketing-email, 77e1dccae6580d4601e233877c6662ab48ac2f21d3415d2758164c446263334a",
        "health-notes, 330666a30392603767c1d4c76c0c2a8963ee36c20ac135186e8b26e7e0fd9d64",
        "do-not-sell-or-share, 88a925c03f33db14f71cd27b3d9b29aa3861ef558a7b9331e8bd71675a7636ce"
    })
    void default_policyHash_isTheSha256HexOfTheShippedFile(String purposeId, String published) throws Exception {
        var purpose = PurposeCatalog.DEFAULT.find(purposeId).orElseThrow();

        assertThat(purpose.policyHash()).isEqualTo(published).isEqualTo(sha256HexOfResource(purpose));
        assertThat(PolicyTexts.find(purposeId, purpose.policyVersion())).isPresent();
    }

    @Test
    void of_twoPurposesWithOneId_isRefused() {
        var purpose = PurposeCatalog.DEFAULT.find("marketing-email").orElseThrow();

        assertThatThrownBy(() -> PurposeCatalog.of(List.of(purpose, purpose)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void find_unknownOrNull_isEmpty() {
        assertThat(PurposeCatalog.DEFAULT.find("newsletter")).isEmpty();
        assertThat(PurposeCatalog.DEFAULT.find(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../booking", "booking/..", ".hidden", ""})
    void policyTexts_find_pathsOutsideTheFolder_areEmpty(String purposeId) {
        assertThat(PolicyTexts.find(purposeId, "2026-03-01")).isEmpty();
    }

    @Test
    void purpose_hashNotLowerCaseHex_isRefused() {
        var upper = Purpose.policyHash("text").toUpperCase(Locale.ROOT);

        assertThatThrownBy(() -> new Purpose("p", LegalBasis.CONSENT, "1", upper, "d"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Purpose("P q", LegalBasis.CONSENT, "1", Purpose.policyHash("text"), "d"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "CONSENT, GRANTED, true",
        "CONSENT, WITHDRAWN, false",
        "EXPLICIT_CONSENT, GRANTED, true",
        "EXPLICIT_CONSENT, WITHDRAWN, false",
        "OPT_OUT, GRANTED, false",
        "OPT_OUT, WITHDRAWN, true"
    })
    void legalBasis_allowsProcessing_grantOfConsentOrWithdrawalOfOptOut(
            LegalBasis basis, ConsentDecision decision, boolean allows) {
        assertThat(basis.allowsProcessing(decision)).isEqualTo(allows);
    }

    private static String sha256HexOfResource(Purpose purpose) throws IOException, NoSuchAlgorithmException {
        var name = "policies/" + purpose.id() + "/" + purpose.policyVersion() + ".txt";
        try (var in = PolicyTexts.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
