package com.safebook.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.availability.Schedule;
import org.junit.jupiter.api.Test;

/** The benchmark measures what it claims: a realistic week, with bookings that take slots away. */
class AvailabilityBenchmarkTest {
    @Test
    void freeSlots_weekHalfBooked_leavesOutExactlyTheSlotsThatOverlapABooking() {
        var benchmark = new AvailabilityBenchmark();
        benchmark.days = 7;
        benchmark.bookHalfTheHours();

        var free = benchmark.freeSlots();

        var offered = Schedule.offered(benchmark.service, benchmark.from, benchmark.to);
        // Weekdays 08-12 (15 starts) and 13-18 (19 starts), Saturday 09-13 (15 starts).
        assertThat(offered).hasSize(5 * (15 + 19) + 15);
        assertThat(benchmark.taken).isNotEmpty();
        assertThat(free).isNotEmpty().hasSizeLessThan(offered.size());
        assertThat(free).allSatisfy(slot -> assertThat(
                        Schedule.granules(benchmark.service, slot.start().toInstant()))
                .doesNotContainAnyElementsOf(benchmark.taken));
        assertThat(offered.stream()
                        .filter(slot -> !free.contains(slot))
                        .allMatch(slot -> Schedule.granules(
                                        benchmark.service, slot.start().toInstant())
                                .stream()
                                .anyMatch(benchmark.taken::contains)))
                .isTrue();
    }

    @Test
    void freeSlots_longestRange_coversEveryDayOfIt() {
        var benchmark = new AvailabilityBenchmark();
        benchmark.days = 31;
        benchmark.bookHalfTheHours();

        var free = benchmark.freeSlots();

        assertThat(free.getFirst().start().toLocalDate()).isEqualTo(Practice.MONDAY);
        assertThat(free.getLast().start().toLocalDate()).isAfter(Practice.MONDAY.plusDays(27));
    }
}
