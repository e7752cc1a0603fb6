package com.safebook.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentRetentionTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private final ConsentRetention retention = ConsentRetention.ofYears(3);

    @Test
    void expiryOf_grant_noneWhileItStands() {
        assertThat(retention.expiryOf(ConsentDecision.GRANTED, T0)).isEmpty();
    }

    @Test
    void expiryOf_withdrawal_theRetentionAfterIt() {
        assertThat(retention.expiryOf(ConsentDecision.WITHDRAWN, T0)).contains(T0.plus(Duration.ofDays(3 * 366)));
    }

    @Test
    void supersede_standingGrant_keptForTheRetentionFromThen() {
        var grant = record(ConsentDecision.GRANTED, Optional.empty());
        var withdrawnAt = T0.plus(Duration.ofDays(400));

        var kept = retention.supersede(grant, withdrawnAt);

        assertThat(kept.expiresAt()).contains(withdrawnAt.plus(Duration.ofDays(3 * 366)));
        assertThat(kept).usingRecursiveComparison().ignoringFields("expiresAt").isEqualTo(grant);
        assertThat(kept.isExpiredAt(withdrawnAt.plus(Duration.ofDays(3 * 366 - 1))))
                .isFalse();
        assertThat(kept.isExpiredAt(withdrawnAt.plus(Duration.ofDays(3 * 366)))).isTrue();
    }

    @Test
    void supersede_withdrawal_keepsItsOwnExpiry() {
        var withdrawal = record(ConsentDecision.WITHDRAWN, retention.expiryOf(ConsentDecision.WITHDRAWN, T0));

        assertThat(retention.supersede(withdrawal, T0.plusSeconds(60))).isEqualTo(withdrawal);
    }

    @Test
    void isExpiredAt_standingGrant_never() {
        assertThat(record(ConsentDecision.GRANTED, Optional.empty()).isExpiredAt(Instant.MAX))
                .isFalse();
    }

    @Test
    void constructor_zeroOrNegative_isRefused() {
        assertThatThrownBy(() -> new ConsentRetention(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsentRetention.ofYears(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void record_subjectIdNotPseudonymousShape_isRefused() {
        assertThatThrownBy(() -> ConsentRecord.requireSubjectId("ada@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsentRecord.requireSubjectId("short")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ConsentRecord record(ConsentDecision decision, Optional<Instant> expiresAt) {
        var purpose = PurposeCatalog.DEFAULT.find("marketing-email").orElseThrow();
        return new ConsentRecord(
                "record-1",
                "subject-0000000000000001",
                purpose.id(),
                1,
                purpose.policyVersion(),
                purpose.policyHash(),
                decision,
                T0,
                ConsentChannel.BOOKING_FORM,
                expiresAt);
    }
}
