package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.retention.ExpiredItem;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiredItemKeysTest {
    @Test
    void of_keysOfEachKind_nameTheItemByItsPseudonymousId() {
        var granule = Instant.parse("2026-03-02T08:15:00Z");
        assertThat(ExpiredItemKeys.of(BookingItems.bookingKey("b1"), Optional.of(BookingItems.BOOKING_SORT)))
                .contains(ExpiredItem.booking("b1"));
        assertThat(ExpiredItemKeys.of(
                        BookingItems.lockPartition("chair-1", granule), Optional.of(BookingItems.lockSort(granule))))
                .contains(ExpiredItem.lock("chair-1", "2026-03-02T08:15Z"));
        assertThat(ExpiredItemKeys.of(Map.of("pk", "IDEMPOTENCY#k1", "sk", "IDEMPOTENCY")))
                .contains(ExpiredItem.idempotencyRecord("k1"));
        assertThat(ExpiredItemKeys.of(Map.of("pk", "SUBJECT#s1"))).contains(ExpiredItem.subjectKey("s1"));
    }

    @Test
    void of_emailIndexOrUnknownKey_isNotNamed() {
        assertThat(ExpiredItemKeys.of(Map.of("pk", "EMAIL#0f1e2d"))).isEmpty();
        assertThat(ExpiredItemKeys.of(Map.of("pk", "SERVICE#consultation", "sk", "SERVICE")))
                .isEmpty();
        assertThat(ExpiredItemKeys.of(Map.of("sk", "BOOKING"))).isEmpty();
    }
}
