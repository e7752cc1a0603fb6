package com.safebook.staff;

import com.safebook.core.audit.AuditTrail;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.Cancellation;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.security.SecureIds;
import com.safebook.core.staff.SaveService;
import com.safebook.core.staff.StaffCancelBooking;
import com.safebook.core.staff.StaffGetBooking;
import com.safebook.core.staff.StaffListBookings;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;

/** The staff use cases; the domain core knows nothing of Dagger, so they are provided here. */
@Module
final class StaffModule {
    private StaffModule() {}

    @Provides
    static StaffListBookings listBookings(BookingRepository bookings, AuditTrail audit, Clock clock, SecureIds ids) {
        return new StaffListBookings(bookings, audit, clock, ids);
    }

    @Provides
    static StaffGetBooking getBooking(BookingRepository bookings, AuditTrail audit, Clock clock, SecureIds ids) {
        return new StaffGetBooking(bookings, audit, clock, ids);
    }

    @Provides
    static StaffCancelBooking cancelBooking(BookingRepository bookings, Clock clock, SecureIds ids) {
        return new StaffCancelBooking(bookings, new Cancellation(bookings, ids), clock);
    }

    @Provides
    static SaveService saveService(CatalogRepository catalog, Clock clock, SecureIds ids) {
        return new SaveService(catalog, clock, ids);
    }
}
