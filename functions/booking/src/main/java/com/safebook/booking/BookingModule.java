package com.safebook.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.PersonalDataCipher;
import com.safebook.aws.http.BookingView;
import com.safebook.aws.http.JsonPriming;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.availability.GetAvailability;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingFormConsents;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.CancelBooking;
import com.safebook.core.booking.Cancellation;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.GetBooking;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.ListServices;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.consent.ConsentRetention;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.consent.RecordConsentDecision;
import com.safebook.core.privacy.DataSubjects;
import com.safebook.core.security.SecureIds;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Provider;

/** The booking use cases; the domain core knows nothing of Dagger, so they are provided here. */
@Module
final class BookingModule {
    private BookingModule() {}

    @Provides
    static ListServices listServices(CatalogRepository catalog) {
        return new ListServices(catalog);
    }

    @Provides
    static GetAvailability getAvailability(CatalogRepository catalog, BookingRepository bookings, Clock clock) {
        return new GetAvailability(catalog, bookings, clock);
    }

    @Provides
    static CreateBooking createBooking(
            CatalogRepository catalog,
            BookingRepository bookings,
            DataSubjects subjects,
            Clock clock,
            SecureIds ids,
            RetentionPolicy retention,
            BookingFormConsents consents) {
        return new CreateBooking(catalog, bookings, subjects, clock, ids, retention, consents);
    }

    @Provides
    static BookingFormConsents bookingFormConsents(
            PurposeCatalog purposes, RecordConsentDecision recordConsent, ConsentLedger ledger) {
        return new BookingFormConsents(purposes, recordConsent, ledger);
    }

    /** The grants a booking carries go into the ledger, as {@code PUT /consents/{purpose}} would. */
    @Provides
    static RecordConsentDecision recordConsentDecision(
            ConsentLedger ledger, PurposeCatalog purposes, ConsentRetention retention, Clock clock, SecureIds ids) {
        return new RecordConsentDecision(ledger, purposes, retention, clock, ids);
    }

    @Provides
    static BookingAccess bookingAccess(BookingRepository bookings) {
        return new BookingAccess(bookings);
    }

    @Provides
    static GetBooking getBooking(BookingAccess access, AuditTrail audit, Clock clock, SecureIds ids) {
        return new GetBooking(access, audit, clock, ids);
    }

    @Provides
    static CancelBooking cancelBooking(BookingAccess access, BookingRepository bookings, Clock clock, SecureIds ids) {
        return new CancelBooking(access, new Cancellation(bookings, ids), clock);
    }

    /** What this function rehearses alongside init and before its SnapStart snapshot, and the keys it then forgets. */
    @Provides
    static SnapStartPriming snapStartPriming(
            Provider<ObjectMapper> json,
            Settings settings,
            Provider<PersonalDataCipher> cipher,
            Provider<KmsSubjectKeyring> keyring) {
        return SnapStartPriming.builder()
                .personalData(settings, cipher, keyring)
                .prime(
                        "JSON",
                        () -> JsonPriming.prime(
                                json.get(),
                                List.of(CreateBookingBody.class),
                                List.of(
                                        Views.ServicesView.class,
                                        Views.SlotsView.class,
                                        Views.CreatedView.class,
                                        BookingView.class)))
                .build();
    }
}
