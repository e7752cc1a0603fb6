package com.safebook.core.availability;

import com.safebook.core.booking.BookingRepository;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Validation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Use case: the free future slots of one service between two local dates. */
public final class GetAvailability {
    public static final int MAX_DAYS = 31;

    private final CatalogRepository catalog;
    private final BookingRepository bookings;
    private final Clock clock;

    public GetAvailability(CatalogRepository catalog, BookingRepository bookings, Clock clock) {
        this.catalog = catalog;
        this.bookings = bookings;
        this.clock = clock;
    }

    public List<Slot> freeSlots(String serviceId, LocalDate from, LocalDate to) {
        new Validation()
                .require(CalendarYears.contains(from), "from", CalendarYears.OUT_OF_RANGE)
                .require(CalendarYears.contains(to), "to", CalendarYears.OUT_OF_RANGE)
                .require(!to.isBefore(from), "to", "before-from")
                .require(ChronoUnit.DAYS.between(from, to) < MAX_DAYS, "to", "range-too-long")
                .throwIfInvalid();
        var service = catalog.service(serviceId)
                .orElseThrow(() -> new DomainException(
                        ErrorKind.NOT_FOUND, "service-not-found", "There is no service with this id."));
        var offered = Schedule.offered(service, from, to);
        if (offered.isEmpty()) {
            return List.of();
        }
        var first = offered.getFirst().start().toInstant();
        var last = offered.getLast().end().toInstant();
        var taken = bookings.takenGranules(service.resourceId(), first, last);
        return Schedule.free(offered, taken, clock.instant());
    }
}
