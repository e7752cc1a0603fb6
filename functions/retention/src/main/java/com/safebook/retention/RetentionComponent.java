package com.safebook.retention;

import com.safebook.aws.config.AwsClientsModule;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.snapstart.SnapStartPriming;
import dagger.Component;
import javax.inject.Singleton;

@Singleton
@Component(modules = {SharedModule.class, AwsClientsModule.class, RetentionModule.class})
interface RetentionComponent {
    ExpiryStream stream();

    SnapStartPriming snapStartPriming();
}
