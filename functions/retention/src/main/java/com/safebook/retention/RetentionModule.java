package com.safebook.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.dynamodb.DynamoDbAuditTrail;
import com.safebook.aws.dynamodb.DynamoDbPriming;
import com.safebook.aws.http.JsonPriming;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.retention.OnceOnlyAuditTrail;
import com.safebook.core.retention.RecordExpiry;
import dagger.Module;
import dagger.Provides;
import java.util.List;
import javax.inject.Provider;

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

    /** What this worker rehearses before its SnapStart snapshot; it holds no key to forget. */
    @Provides
    static SnapStartPriming snapStartPriming(Provider<ObjectMapper> json, Settings settings) {
        return SnapStartPriming.builder()
                .primeAlongsideInit("DynamoDB's request path", () -> DynamoDbPriming.requestPath(settings))
                .prime("DynamoDB", () -> DynamoDbPriming.prime(settings))
                .prime("JSON", () -> JsonPriming.prime(json.get(), List.of(), List.of()))
                .build();
    }
}
