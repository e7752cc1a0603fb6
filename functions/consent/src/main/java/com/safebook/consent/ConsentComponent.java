package com.safebook.consent;

import com.safebook.aws.config.AwsClientsModule;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.dynamodb.DynamoDbModule;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.snapstart.SnapStartPriming;
import dagger.Component;
import javax.inject.Singleton;

/**
 * The consent function's graph. It reaches no booking and no key: the manage token's lookup item
 * names the subject, and consent records hold nothing to decrypt.
 */
@Singleton
@Component(modules = {SharedModule.class, AwsClientsModule.class, DynamoDbModule.class, ConsentModule.class})
interface ConsentComponent {
    ApiEndpoint endpoint();

    ConsentRoutes routes();

    SnapStartPriming snapStartPriming();
}
