package com.safebook.retention;

import com.safebook.aws.dynamodb.DynamoDbAuditTrail;
import com.safebook.core.retention.OnceOnlyAuditTrail;
import com.safebook.core.retention.RecordExpiry;
import dagger.Module;
import dagger.Provides;

/** The retention use case, over the audit table and nothing else. */
@Module
final class RetentionModule {
    private RetentionModule() {}

    @Provides
    static OnceOnlyAuditTrail audit(DynamoDbAuditTrail trail) {
        return trail;
    }

    @Provides
    static RecordExpiry recordExpiry(OnceOnlyAuditTrail audit) {
        return new RecordExpiry(audit);
    }
}
