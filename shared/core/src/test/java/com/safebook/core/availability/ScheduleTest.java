package com.safebook.core.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.fake.TestCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void offered_eightHourDay_hasSlotsEveryQuarterThatFitBeforeClosing() {
        var slots =
                Schedule.offered(TestCatalog.service("cut", 30), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 3));

        assertThat(slots).hasSize(31);
        assertThat(slots.getFirst().start().toString()).isEqualTo("2026-03-03T09:00+01:00[Europe/Berlin]");
        assertThat(slots.getLast().end().toLocalTime().toString()).isEqualTo("17:00");
    }

    @Test
    void offered_acrossDaylightSavingChange_keepsLocalOpeningHours() {
        var slots =
                Schedule.offered(TestCatalog.service("cut", 60), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29));

        assertThat(slots.getFirst().start().getOffset().toString()).isEqualTo("+02:00");
        assertThat(slots.getFirst().start().toLocalTime().toString()).isEqualTo("09:00");
    }

    @Test
    void free_takenGranuleAndPast_areLeftOut() {
        var service = TestCatalog.service("cut", 30);
        var offered = Schedule.offered(service, LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 3));
        var taken = Set.of(Instant.parse("2026-03-03T09:15:00Z"));

        var free = Schedule.free(offered, taken, Instant.parse("2026-03-03T08:30:00Z"));

        assertThat(free)
                .extracting(s -> s.start().toLocalTime().toString())
                .doesNotContain("09:00", "10:00", "10:15")
                .contains("09:45", "10:30");
    }

    @Test
    void granules_oneHour_isFourQuarters() {
        assertThat(Schedule.granules(TestCatalog.service("x", 60), Instant.parse("2026-03-03T09:00:00Z")))
                .hasSize(4);
    }
}
