package com.safebook.core.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Violation;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.InMemoryBookingRepository;
import com.safebook.core.fake.InMemoryCatalogRepository;
import com.safebook.core.fake.InMemoryDataSubjects;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.fake.TestCatalog;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GetAvailabilityTest {
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository(audit);
    private final GetAvailability availability = new GetAvailability(
            catalog,
            new InMemoryBookingRepository(audit, new InMemoryDataSubjects()),
            new MutableClock(Instant.parse("2026-11-24T08:00:00Z")));

    GetAvailabilityTest() {
        catalog.save(TestCatalog.service("consultation", 30));
    }

    @Test
    void aWeekAhead_hasTheServicesSlots() {
        var slots = availability.freeSlots("consultation", LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 1));

        assertThat(slots).isNotEmpty().allSatisfy(slot -> assertThat(
                        slot.start().toLocalDate())
                .isBetween(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 1)));
    }

    @Test
    void datesAtTheEndsOfTimeOrOutsideTheCalendarsYears_areRefusedAsInvalid_notComputed() {
        var cases = new LocalDate[][] {
            {LocalDate.MAX, LocalDate.MAX},
            {LocalDate.MIN, LocalDate.MIN},
            {LocalDate.of(10_000, 1, 1), LocalDate.of(10_000, 1, 2)},
            {LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1)},
            {LocalDate.of(9999, 12, 31), LocalDate.MAX}
        };
        for (var range : cases) {
            assertThatThrownBy(() -> availability.freeSlots("consultation", range[0], range[1]))
                    .as("%s to %s", range[0], range[1])
                    .isInstanceOfSatisfying(DomainException.class, refusal -> {
                        assertThat(refusal.kind()).isEqualTo(ErrorKind.INVALID);
                        assertThat(refusal.violations())
                                .extracting(Violation::code)
                                .contains("date-out-of-range");
                    });
        }
    }

    @Test
    void theLastDayOfTheCalendar_isAnsweredLikeAnyOther() {
        var slots = availability.freeSlots("consultation", LocalDate.of(9999, 12, 31), LocalDate.of(9999, 12, 31));

        assertThat(slots)
                .isNotEmpty()
                .allSatisfy(slot -> assertThat(slot.start().toLocalDate()).isEqualTo(LocalDate.of(9999, 12, 31)));
    }
}
