package com.safebook.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Violation;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.InMemoryConsentLedger;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.security.SecureIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageConsentsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(3 * 366);
    private static final String MARKETING = "marketing-email";
    private static final String OPT_OUT = "do-not-sell-or-share";
    private static final String VERSION = "2026-03-01";

    private final SecureIds ids = new SecureIds();
    private final String subject = ids.id128();
    private final RequestContext context =
            new RequestContext(Actor.customer("subject/" + subject), "req-1", "203.0.113.7", "test");
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryConsentLedger ledger = new InMemoryConsentLedger(audit);
    private final RecordConsentDecision record =
            new RecordConsentDecision(ledger, PurposeCatalog.DEFAULT, ConsentRetention.ofYears(3), clock, ids);
    private final GetConsents get = new GetConsents(ledger, PurposeCatalog.DEFAULT, audit, clock, ids);

    @Test
    void record_grant_appendsItUnderThePolicyInForce() {
        var consents = decide(MARKETING, true, VERSION);

        var purpose = PurposeCatalog.DEFAULT.find(MARKETING).orElseThrow();
        assertThat(consents.history()).singleElement().satisfies(r -> {
            assertThat(r.subjectId()).isEqualTo(subject);
            assertThat(r.purposeId()).isEqualTo(MARKETING);
            assertThat(r.sequence()).isEqualTo(1);
            assertThat(r.policyVersion()).isEqualTo(VERSION);
            assertThat(r.policyHash()).isEqualTo(purpose.policyHash());
            assertThat(r.decision()).isEqualTo(ConsentDecision.GRANTED);
            assertThat(r.at()).isEqualTo(T0);
            assertThat(r.channel()).isEqualTo(ConsentChannel.MANAGE_LINK);
            assertThat(r.expiresAt()).isEmpty();
        });
        assertThat(consents.state(MARKETING).orElseThrow().processingAllowed()).isTrue();
        assertThat(ledger.history(subject, clock.instant())).isEqualTo(consents.history());
    }

    @Test
    void record_grantWithdrawRegrant_historyInOrderAndSupersededGrantExpires() {
        decide(MARKETING, true, VERSION);
        clock.advance(Duration.ofDays(10));
        decide(MARKETING, false, VERSION);
        clock.advance(Duration.ofDays(10));
        var consents = decide(MARKETING, true, VERSION);

        var withdrawnAt = T0.plus(Duration.ofDays(10));
        assertThat(consents.history())
                .extracting(ConsentRecord::decision, ConsentRecord::sequence, ConsentRecord::expiresAt)
                .containsExactly(
                        tuple(ConsentDecision.GRANTED, 1, Optional.of(withdrawnAt.plus(RETENTION))),
                        tuple(ConsentDecision.WITHDRAWN, 2, Optional.of(withdrawnAt.plus(RETENTION))),
                        tuple(ConsentDecision.GRANTED, 3, Optional.empty()));
        var state = consents.state(MARKETING).orElseThrow();
        assertThat(state.granted()).isTrue();
        assertThat(state.since()).contains(T0.plus(Duration.ofDays(20)));
        assertThat(ledger.history(subject, clock.instant())).isEqualTo(consents.history());
    }

    @Test
    void record_afterRetentionOfAWithdrawal_oldRecordsAreGoneAndTheStandingGrantStays() {
        decide(MARKETING, true, VERSION);
        decide("appointment-reminders", true, VERSION);
        clock.advance(Duration.ofDays(1));
        decide(MARKETING, false, VERSION);

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(get.get(subject, context).history()).hasSize(3);
        clock.advance(Duration.ofSeconds(1));
        var consents = get.get(subject, context);

        assertThat(consents.history()).extracting(ConsentRecord::purposeId).containsExactly("appointment-reminders");
        assertThat(consents.state(MARKETING).orElseThrow().granted()).isFalse();
        assertThat(consents.state("appointment-reminders").orElseThrow().granted())
                .isTrue();
    }

    @Test
    void record_afterEverythingExpired_startsTheSequenceAgain() {
        decide(MARKETING, true, VERSION);
        decide(MARKETING, false, VERSION);
        clock.advance(RETENTION);

        var consents = decide(MARKETING, true, VERSION);

        assertThat(consents.history())
                .singleElement()
                .extracting(ConsentRecord::sequence)
                .isEqualTo(1);
    }

    @Test
    void record_staleVersionForAGrant_isInvalidAndWritesNothing() {
        assertThatThrownBy(() -> decide(MARKETING, true, "2025-01-01"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                    assertThat(e.violations())
                            .containsExactly(new Violation("policyVersion", "not-the-current-policy-version"));
                });
        assertThat(ledger.stored(subject)).isEmpty();
        assertThat(audit.records()).isEmpty();
    }

    @Test
    void record_grantWithoutVersion_isInvalid() {
        assertThatThrownBy(() -> decide(MARKETING, true, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("policyVersion", "required")));
    }

    @Test
    void record_withoutGranted_isInvalid() {
        assertThatThrownBy(() -> decide(MARKETING, null, VERSION))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("granted", "required")));
    }

    @Test
    void record_withdrawalWithStaleOrNoVersion_isRecordedUnderThePolicyInForce() {
        decide(MARKETING, true, VERSION);

        var consents = decide(MARKETING, false, "2025-01-01");

        assertThat(consents.history().getLast().decision()).isEqualTo(ConsentDecision.WITHDRAWN);
        assertThat(consents.history().getLast().policyVersion()).isEqualTo(VERSION);
        decide("health-notes", true, VERSION);
        assertThat(decide("health-notes", false, null).history().getLast().decision())
                .isEqualTo(ConsentDecision.WITHDRAWN);
    }

    @Test
    void record_optOutWithStaleVersion_isRecordedButOptingBackInNeedsTheCurrentOne() {
        var optedOut = decide(OPT_OUT, true, "2025-01-01");

        assertThat(optedOut.state(OPT_OUT).orElseThrow().processingAllowed()).isFalse();
        assertThatThrownBy(() -> decide(OPT_OUT, false, "2025-01-01"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("policyVersion", "not-the-current-policy-version")));
        assertThat(decide(OPT_OUT, false, VERSION).state(OPT_OUT).orElseThrow().processingAllowed())
                .isTrue();
    }

    @Test
    void record_unknownPurpose_isNotFound() {
        assertThatThrownBy(() -> decide("newsletter", true, VERSION))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.code()).isEqualTo("purpose-not-found");
                    assertThat(e.getMessage()).doesNotContain("newsletter");
                });
    }

    @Test
    void record_contractPurpose_isRefusedEitherWay() {
        for (var granted : new boolean[] {true, false}) {
            assertThatThrownBy(() -> decide("booking", granted, VERSION))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                        assertThat(e.code()).isEqualTo("purpose-needs-no-consent");
                    });
        }
        assertThat(audit.records()).isEmpty();
    }

    @Test
    void record_sameGrantAgain_isAcceptedAndNotRecorded() {
        var first = decide(MARKETING, true, VERSION);
        clock.advance(Duration.ofMinutes(1));

        var again = decide(MARKETING, true, VERSION);

        assertThat(again).isEqualTo(first);
        assertThat(ledger.stored(subject)).hasSize(1);
        assertThat(audit.records()).hasSize(1);
    }

    @Test
    void record_withdrawalWithNothingGrantedOrSecondOptOut_isAcceptedAndNotRecorded() {
        var consents = decide(MARKETING, false, VERSION);
        decide(OPT_OUT, true, VERSION);
        decide(OPT_OUT, true, "2025-01-01");

        assertThat(consents.history()).isEmpty();
        assertThat(consents.state(MARKETING).orElseThrow().granted()).isFalse();
        assertThat(ledger.stored(subject)).extracting(ConsentRecord::purposeId).containsExactly(OPT_OUT);
    }

    @Test
    void record_grantAfterThePolicyChanged_renewsIt() {
        decide(MARKETING, true, VERSION);
        var changed = PurposeCatalog.of(List.of(
                Purpose.withPolicyText(MARKETING, LegalBasis.CONSENT, "2027-01-01", "Newer words.", "News by email.")));
        var recordUnderNewPolicy = new RecordConsentDecision(ledger, changed, ConsentRetention.ofYears(3), clock, ids);
        assertThat(Consents.derive(changed, ledger.history(subject, clock.instant()))
                        .state(MARKETING)
                        .orElseThrow()
                        .renewalNeeded())
                .isTrue();
        clock.advance(Duration.ofDays(300));

        var renewed = recordUnderNewPolicy.record(
                subject,
                MARKETING,
                new ConsentDecisionRequest(true, "2027-01-01"),
                ConsentChannel.MANAGE_LINK,
                context);

        var state = renewed.state(MARKETING).orElseThrow();
        assertThat(state.renewalNeeded()).isFalse();
        assertThat(state.processingAllowed()).isTrue();
        assertThat(renewed.history().getFirst().expiresAt())
                .contains(clock.instant().plus(RETENTION));
        assertThat(renewed.history().getLast().policyHash()).isEqualTo(Purpose.policyHash("Newer words."));
    }

    @Test
    void record_eachDecision_auditedWithoutPersonalDataOrTheDecision() {
        decide("health-notes", true, VERSION);
        decide("health-notes", false, VERSION);

        var recordIds =
                ledger.stored(subject).stream().map(ConsentRecord::recordId).toList();
        assertThat(audit.records()).hasSize(2).allSatisfy(r -> {
            assertThat(r.eventSource()).isEqualTo("consents.safebook");
            assertThat(r.eventName()).isEqualTo("RecordConsentDecision");
            assertThat(r.readOnly()).isFalse();
            assertThat(r.errorCode()).isEmpty();
            assertThat(r.userIdentity()).isEqualTo(Actor.customer("subject/" + subject));
            assertThat(r.sourceIPAddress()).isEqualTo("203.0.113.0");
            assertThat(r.toString())
                    .doesNotContain("health")
                    .doesNotContain("GRANTED")
                    .doesNotContain("WITHDRAWN")
                    .doesNotContain(VERSION);
        });
        assertThat(audit.records())
                .extracting(r -> r.resources().get(1).arn())
                .containsExactlyElementsOf(recordIds.stream()
                        .map(id -> "safebook:consent-record/" + id)
                        .toList());
        assertThat(audit.records().getFirst().resources().getFirst().arn()).isEqualTo("safebook:consents/" + subject);
    }

    @Test
    void record_anotherDecisionLandsFirst_decidesAgainOnTheNewHistory() {
        var racing = new RacingLedger(ledger, 1);
        var recordRacing =
                new RecordConsentDecision(racing, PurposeCatalog.DEFAULT, ConsentRetention.ofYears(3), clock, ids);

        var consents = recordRacing.record(
                subject, MARKETING, new ConsentDecisionRequest(true, VERSION), ConsentChannel.MANAGE_LINK, context);

        assertThat(consents.history())
                .extracting(ConsentRecord::decision, ConsentRecord::sequence)
                .containsExactly(tuple(ConsentDecision.WITHDRAWN, 1), tuple(ConsentDecision.GRANTED, 2));
        assertThat(ledger.history(subject, clock.instant())).isEqualTo(consents.history());
        assertThat(audit.records()).hasSize(2);
    }

    @Test
    void record_historyKeepsChanging_isConflict() {
        var racing = new RacingLedger(ledger, Integer.MAX_VALUE);
        var recordRacing =
                new RecordConsentDecision(racing, PurposeCatalog.DEFAULT, ConsentRetention.ofYears(3), clock, ids);

        assertThatThrownBy(() -> recordRacing.record(
                        subject, MARKETING, new ConsentDecisionRequest(true, VERSION), ConsentChannel.STAFF, context))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    }

    @Test
    void get_readIsAuditedReadOnly() {
        decide(MARKETING, true, VERSION);

        var consents = get.get(subject, context);

        assertThat(consents.history()).hasSize(1);
        assertThat(audit.records().getLast()).satisfies(r -> {
            assertThat(r.eventName()).isEqualTo("GetConsents");
            assertThat(r.readOnly()).isTrue();
            assertThat(r.resources()).extracting(res -> res.arn()).containsExactly("safebook:consents/" + subject);
        });
    }

    @Test
    void deleteAll_erasure_removesEveryRecordExpiredOrNot() {
        decide(MARKETING, true, VERSION);
        decide(MARKETING, false, VERSION);
        decide(OPT_OUT, true, VERSION);
        clock.advance(RETENTION);

        assertThat(ledger.deleteAll(subject)).isEqualTo(3);
        assertThat(ledger.stored(subject)).isEmpty();
        assertThat(ledger.deleteAll(subject)).isZero();
    }

    @Test
    void record_subjectIdNotPseudonymous_isAProgrammingError() {
        assertThatThrownBy(() -> record.record(
                        "ada@example.com",
                        MARKETING,
                        new ConsentDecisionRequest(true, VERSION),
                        ConsentChannel.MANAGE_LINK,
                        context))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Consents decide(String purposeId, Boolean granted, String version) {
        return record.record(
                subject, purposeId, new ConsentDecisionRequest(granted, version), ConsentChannel.MANAGE_LINK, context);
    }

    /** A ledger where, for the first {@code races} appends, the opposite decision lands just before. */
    private static final class RacingLedger implements ConsentLedger {
        private final InMemoryConsentLedger ledger;
        private int races;

        RacingLedger(InMemoryConsentLedger ledger, int races) {
            this.ledger = ledger;
            this.races = races;
        }

        @Override
        public AppendOutcome append(ConsentRecord record, Optional<ConsentRecord> superseded, AuditRecord audit) {
            if (races > 0) {
                races--;
                var latest = ConsentState.latest(record.purposeId(), ledger.history(record.subjectId(), record.at()));
                var purpose = PurposeCatalog.DEFAULT.find(record.purposeId()).orElseThrow();
                var other = new ConsentRecord(
                        "other-" + races,
                        record.subjectId(),
                        record.purposeId(),
                        latest.map(r -> r.sequence() + 1).orElse(1),
                        purpose.policyVersion(),
                        purpose.policyHash(),
                        record.decision() == ConsentDecision.GRANTED
                                ? ConsentDecision.WITHDRAWN
                                : ConsentDecision.GRANTED,
                        record.at(),
                        ConsentChannel.STAFF,
                        Optional.empty());
                ledger.append(other, latest, audit);
            }
            return ledger.append(record, superseded, audit);
        }

        @Override
        public List<ConsentRecord> history(String subjectId, Instant now) {
            return ledger.history(subjectId, now);
        }

        @Override
        public int deleteAll(String subjectId) {
            return ledger.deleteAll(subjectId);
        }
    }
}
