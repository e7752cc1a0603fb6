package com.safebook.booking;

import com.safebook.aws.config.AwsClientsModule;
import com.safebook.aws.config.KmsClientModule;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.dynamodb.DynamoDbModule;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.snapstart.SnapStartPriming;
import dagger.Component;
import javax.inject.Singleton;

@Singleton
@Component(
        modules = {
            SharedModule.class,
            AwsClientsModule.class,
            KmsClientModule.class,
            DynamoDbModule.class,
            BookingModule.class
        })
interface BookingComponent {
    ApiEndpoint endpoint();

    BookingRoutes routes();

    SnapStartPriming snapStartPriming();
}
