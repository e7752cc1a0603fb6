package com.safebook.audit;

import com.safebook.aws.config.AwsClientsModule;
import com.safebook.aws.config.KmsClientModule;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.integrity.SealAuditTrail;
import dagger.Component;
import javax.inject.Singleton;

@Singleton
@Component(modules = {SharedModule.class, AwsClientsModule.class, KmsClientModule.class, AuditModule.class})
interface AuditComponent {
    ApiEndpoint endpoint();

    AuditRoutes routes();

    SealAuditTrail seal();

    SnapStartPriming snapStartPriming();
}
