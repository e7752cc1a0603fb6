package com.safebook.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentStateTest {
    private static final String SUBJECT = "subject-0000000000000001";
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Purpose MARKETING =
            PurposeCatalog.DEFAULT.find("marketing-email").orElseThrow();
    private static final Purpose OPT_OUT =
            PurposeCatalog.DEFAULT.find("do-not-sell-or-share").orElseThrow();

    private final List<ConsentRecord> history = new ArrayList<>();

    @Test
    void derive_noDecision_notGrantedAndNoProcessing() {
        var state = ConsentState.derive(MARKETING, history);

        assertThat(state.granted()).isFalse();
        assertThat(state.policyVersion()).isEmpty();
        assertThat(state.since()).isEmpty();
        assertThat(state.renewalNeeded()).isFalse();
        assertThat(state.processingAllowed()).isFalse();
    }

    @Test
    void derive_grantWithdrawRegrant_grantedSinceTheLastGrant() {
        decide(MARKETING, ConsentDecision.GRANTED, MARKETING.policyVersion(), 0);
        decide(MARKETING, ConsentDecision.WITHDRAWN, MARKETING.policyVersion(), 10);
        decide(MARKETING, ConsentDecision.GRANTED, MARKETING.policyVersion(), 20);

        var state = ConsentState.derive(MARKETING, history);

        assertThat(state.granted()).isTrue();
        assertThat(state.since()).contains(T0.plusSeconds(20));
        assertThat(state.policyVersion()).contains(MARKETING.policyVersion());
        assertThat(state.processingAllowed()).isTrue();
    }

    @Test
    void derive_grantThenWithdrawal_notGrantedSinceTheWithdrawal() {
        decide(MARKETING, ConsentDecision.GRANTED, MARKETING.policyVersion(), 0);
        decide(MARKETING, ConsentDecision.WITHDRAWN, MARKETING.policyVersion(), 10);

        var state = ConsentState.derive(MARKETING, history);

        assertThat(state.granted()).isFalse();
        assertThat(state.since()).contains(T0.plusSeconds(10));
        assertThat(state.processingAllowed()).isFalse();
    }

    @Test
    void derive_otherPurposesDecisions_areIgnored() {
        decide(OPT_OUT, ConsentDecision.GRANTED, OPT_OUT.policyVersion(), 0);

        assertThat(ConsentState.derive(MARKETING, history).granted()).isFalse();
    }

    @Test
    void derive_grantToAnOlderPolicyVersion_needsRenewalAndStopsProcessing() {
        decide(MARKETING, ConsentDecision.GRANTED, "2025-01-01", 0);

        var state = ConsentState.derive(MARKETING, history);

        assertThat(state.granted()).isTrue();
        assertThat(state.policyVersion()).contains("2025-01-01");
        assertThat(state.renewalNeeded()).isTrue();
        assertThat(state.processingAllowed()).isFalse();
    }

    @Test
    void derive_grantToTheSameVersionWithAnotherText_needsRenewal() {
        history.add(record(MARKETING, 1, ConsentDecision.GRANTED, MARKETING.policyVersion(), Purpose.policyHash("x")));

        assertThat(ConsentState.derive(MARKETING, history).renewalNeeded()).isTrue();
    }

    @Test
    void derive_withdrawalUnderAnOlderVersion_needsNoRenewal() {
        decide(MARKETING, ConsentDecision.WITHDRAWN, "2025-01-01", 0);

        assertThat(ConsentState.derive(MARKETING, history).renewalNeeded()).isFalse();
    }

    @Test
    void derive_optOutUnderAnOlderVersion_standsAndStopsSale() {
        decide(OPT_OUT, ConsentDecision.GRANTED, "2025-01-01", 0);

        var state = ConsentState.derive(OPT_OUT, history);

        assertThat(state.granted()).isTrue();
        assertThat(state.renewalNeeded()).isFalse();
        assertThat(state.processingAllowed()).isFalse();
    }

    @Test
    void derive_noOptOutOrOptOutWithdrawn_allowsSale() {
        assertThat(ConsentState.derive(OPT_OUT, history).processingAllowed()).isTrue();

        decide(OPT_OUT, ConsentDecision.GRANTED, OPT_OUT.policyVersion(), 0);
        decide(OPT_OUT, ConsentDecision.WITHDRAWN, OPT_OUT.policyVersion(), 10);

        assertThat(ConsentState.derive(OPT_OUT, history).processingAllowed()).isTrue();
    }

    @Test
    void derive_historyOutOfOrder_latestSequenceWins() {
        decide(MARKETING, ConsentDecision.GRANTED, MARKETING.policyVersion(), 0);
        decide(MARKETING, ConsentDecision.WITHDRAWN, MARKETING.policyVersion(), 0);

        assertThat(ConsentState.derive(MARKETING, history.reversed()).granted()).isFalse();
    }

    @Test
    void consents_derive_statesOfDecidablePurposesInCatalogueOrder() {
        decide(MARKETING, ConsentDecision.GRANTED, MARKETING.policyVersion(), 0);

        var consents = Consents.derive(PurposeCatalog.DEFAULT, history);

        assertThat(consents.states())
                .extracting(s -> s.purpose().id())
                .containsExactly("appointment-reminders", "marketing-email", "health-notes", "do-not-sell-or-share");
        assertThat(consents.state("marketing-email").orElseThrow().granted()).isTrue();
        assertThat(consents.state("booking")).isEmpty();
        assertThat(consents.history()).hasSize(1);
    }

    private void decide(Purpose purpose, ConsentDecision decision, String version, int secondsAfterT0) {
        var sequence = (int) history.stream()
                        .filter(r -> r.purposeId().equals(purpose.id()))
                        .count()
                + 1;
        var hash = version.equals(purpose.policyVersion()) ? purpose.policyHash() : Purpose.policyHash(version);
        history.add(new ConsentRecord(
                "record-" + history.size(),
                SUBJECT,
                purpose.id(),
                sequence,
                version,
                hash,
                decision,
                T0.plusSeconds(secondsAfterT0),
                ConsentChannel.MANAGE_LINK,
                Optional.empty()));
    }

    private static ConsentRecord record(
            Purpose purpose, int sequence, ConsentDecision decision, String version, String hash) {
        return new ConsentRecord(
                "record-x",
                SUBJECT,
                purpose.id(),
                sequence,
                version,
                hash,
                decision,
                T0,
                ConsentChannel.STAFF,
                Optional.empty());
    }
}
