package com.safebook.erasure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.PersonalDataCipher;
import com.safebook.aws.http.JsonPriming;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.erasure.AccessLog;
import com.safebook.core.erasure.ErasePerson;
import com.safebook.core.erasure.ErasureStore;
import com.safebook.core.erasure.ExportPersonalData;
import com.safebook.core.erasure.PersonalDataIndex;
import com.safebook.core.security.SecureIds;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Provider;

/** The export and erasure use cases; the domain core knows nothing of Dagger. */
@Module
final class ErasureModule {
    private ErasureModule() {}

    @Provides
    static BookingAccess bookingAccess(BookingRepository bookings) {
        return new BookingAccess(bookings);
    }

    @Provides
    static ExportPersonalData exportPersonalData(
            BookingAccess access,
            PersonalDataIndex index,
            BookingRepository bookings,
            ConsentLedger consents,
            AccessLog accessLog,
            AuditTrail audit,
            Clock clock,
            SecureIds ids) {
        return new ExportPersonalData(access, index, bookings, consents, accessLog, audit, clock, ids);
    }

    @Provides
    static ErasePerson erasePerson(
            BookingAccess access,
            PersonalDataIndex index,
            ErasureStore store,
            ConsentLedger consents,
            Clock clock,
            SecureIds ids) {
        return new ErasePerson(access, index, store, consents, clock, ids);
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
                                List.of(ErasureRoutes.StaffErasureBody.class),
                                List.of(Views.ExportView.class, Views.ReceiptView.class)))
                .build();
    }
}
