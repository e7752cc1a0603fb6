package com.safebook.aws.dynamodb;

import com.safebook.core.audit.AuditTrail;
import com.safebook.core.booking.BookingRepository;
import com.safebook.core.catalog.CatalogRepository;
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
    AuditTrail auditTrail(DynamoDbAuditTrail trail);
}
