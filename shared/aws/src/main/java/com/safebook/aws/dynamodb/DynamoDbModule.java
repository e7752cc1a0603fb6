package com.safebook.aws.dynamodb;

import com.safebook.aws.crypto.KeyService;
import com.safebook.aws.crypto.KmsKeyService;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.PowertoolsSecurityMetrics;
import com.safebook.aws.crypto.SecurityMetrics;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.booking.ManageTokenIndex;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.erasure.AccessLog;
import com.safebook.core.erasure.ErasureStore;
import com.safebook.core.erasure.PersonalDataIndex;
import com.safebook.core.privacy.DataSubjects;
import dagger.Binds;
import dagger.Module;

/** Binds the domain's storage ports to their DynamoDB adapters. */
@Module
public interface DynamoDbModule {
    @Binds
    CatalogRepository catalog(DynamoDbCatalogRepository repository);

    @Binds
    BookingRepository bookings(DynamoDbBookingRepository repository);

    @Binds
    ManageTokenIndex manageTokens(DynamoDbManageTokenIndex index);

    @Binds
    AuditTrail auditTrail(DynamoDbAuditTrail trail);

    @Binds
    ConsentLedger consentLedger(DynamoDbConsentLedger ledger);

    @Binds
    PersonalDataIndex personalDataIndex(DynamoDbErasureStore store);

    @Binds
    ErasureStore erasureStore(DynamoDbErasureStore store);

    @Binds
    AccessLog accessLog(DynamoDbAccessLog log);

    @Binds
    DataSubjects dataSubjects(KmsSubjectKeyring keyring);

    @Binds
    KeyService keyService(KmsKeyService kms);

    @Binds
    SecurityMetrics securityMetrics(PowertoolsSecurityMetrics metrics);
}
