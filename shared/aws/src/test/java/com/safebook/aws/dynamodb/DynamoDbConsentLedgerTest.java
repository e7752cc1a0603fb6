package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.aws.config.SharedModule;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.consent.ConsentChannel;
import com.safebook.core.consent.ConsentDecision;
import com.safebook.core.consent.ConsentLedger.AppendOutcome;
import com.safebook.core.consent.ConsentRecord;
import com.safebook.core.security.SecureIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consent ledger against DynamoDB Local (or the endpoint the environment names). */
class DynamoDbConsentLedgerTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static DynamoDbConsentLedger ledger;
    private final SecureIds ids = new SecureIds();

    @BeforeAll
    static void tables() {
        var settings = EncryptedStore.settings(LocalDynamoDb.createTables("consent"));
        ledger = new DynamoDbConsentLedger(
                LocalDynamoDb.client(), new AuditItems(new AuditRecordJson(SharedModule.objectMapper())), settings);
    }

    @Test
    void grantThenWithdraw_historyInOrder_grantKeptUntilItsNewExpiry() {
        var subject = ids.id128();
        var grant = record(subject, "marketing-email", 1, ConsentDecision.GRANTED, NOW, Optional.empty());
        var withdrawal = record(
                subject,
                "marketing-email",
                2,
                ConsentDecision.WITHDRAWN,
                NOW.plusSeconds(60),
                Optional.of(NOW.plus(Duration.ofDays(1096))));
        var superseded = new ConsentRecord(
                grant.recordId(),
                subject,
                grant.purposeId(),
                1,
                grant.policyVersion(),
                grant.policyHash(),
                grant.decision(),
                grant.at(),
                grant.channel(),
                withdrawal.expiresAt());

        assertThat(ledger.append(grant, Optional.empty(), audit())).isEqualTo(AppendOutcome.APPENDED);
        assertThat(ledger.append(withdrawal, Optional.of(superseded), audit())).isEqualTo(AppendOutcome.APPENDED);

        assertThat(ledger.history(subject, NOW.plusSeconds(120))).containsExactly(superseded, withdrawal);
        assertThat(ledger.history(subject, NOW.plus(Duration.ofDays(1097)))).isEmpty();
    }

    @Test
    void samePlaceTwice_orSupersededGone_isHistoryChangedAndWritesNothing() {
        var subject = ids.id128();
        var first = record(subject, "appointment-reminders", 1, ConsentDecision.GRANTED, NOW, Optional.empty());
        ledger.append(first, Optional.empty(), audit());

        var racing = record(subject, "appointment-reminders", 1, ConsentDecision.GRANTED, NOW, Optional.empty());
        assertThat(ledger.append(racing, Optional.empty(), audit())).isEqualTo(AppendOutcome.HISTORY_CHANGED);
        var ghost = record(subject, "marketing-email", 1, ConsentDecision.GRANTED, NOW, Optional.of(NOW));
        var next = record(subject, "marketing-email", 2, ConsentDecision.WITHDRAWN, NOW, Optional.of(NOW));
        assertThat(ledger.append(next, Optional.of(ghost), audit())).isEqualTo(AppendOutcome.HISTORY_CHANGED);

        assertThat(ledger.history(subject, NOW)).containsExactly(first);
    }

    @Test
    void deleteAll_removesEveryRecordOfTheSubjectOnly() {
        var subject = ids.id128();
        var other = ids.id128();
        for (int i = 1; i <= 30; i++) {
            ledger.append(
                    record(subject, "marketing-email", i, ConsentDecision.GRANTED, NOW, Optional.empty()),
                    Optional.empty(),
                    audit());
        }
        ledger.append(
                record(other, "marketing-email", 1, ConsentDecision.GRANTED, NOW, Optional.empty()),
                Optional.empty(),
                audit());

        assertThat(ledger.deleteAll(subject)).isEqualTo(30);
        assertThat(ledger.history(subject, NOW)).isEmpty();
        assertThat(ledger.history(other, NOW)).hasSize(1);
    }

    private ConsentRecord record(
            String subject,
            String purpose,
            int sequence,
            ConsentDecision decision,
            Instant at,
            Optional<Instant> expiresAt) {
        return new ConsentRecord(
                ids.id128(),
                subject,
                purpose,
                sequence,
                "2026-03-01",
                "ab12",
                decision,
                at,
                ConsentChannel.MANAGE_LINK,
                expiresAt);
    }

    private AuditRecord audit() {
        return AuditRecord.success(
                NOW,
                ids.uuid(),
                "consents.safebook",
                "RecordConsentDecision",
                false,
                new RequestContext(Actor.anonymous(), "req", "198.51.100.4", "test"),
                List.of());
    }
}
