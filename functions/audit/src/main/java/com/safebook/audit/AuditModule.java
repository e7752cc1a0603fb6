package com.safebook.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.KmsAuditSigner;
import com.safebook.aws.crypto.KmsPriming;
import com.safebook.aws.crypto.PowertoolsSecurityMetrics;
import com.safebook.aws.crypto.SecurityMetrics;
import com.safebook.aws.dynamodb.DynamoDbAuditStore;
import com.safebook.aws.dynamodb.DynamoDbAuditTrail;
import com.safebook.aws.dynamodb.DynamoDbPriming;
import com.safebook.aws.http.JsonPriming;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.audit.integrity.AuditSigner;
import com.safebook.core.audit.integrity.AuditStore;
import com.safebook.core.audit.integrity.SealAuditTrail;
import com.safebook.core.audit.integrity.VerifyAuditRange;
import com.safebook.core.security.Digests;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;

/** The audit use cases over the DynamoDB store and the KMS signing key. */
@Module
final class AuditModule {
    private AuditModule() {}

    @Provides
    @Singleton
    static Settings.AuditIntegrity integrity() {
        return Settings.AuditIntegrity.fromEnvironment();
    }

    /** The API edge records refusals. */
    @Provides
    static AuditTrail trail(DynamoDbAuditTrail trail) {
        return trail;
    }

    @Provides
    static SecurityMetrics metrics(PowertoolsSecurityMetrics metrics) {
        return metrics;
    }

    @Provides
    static AuditStore store(DynamoDbAuditStore store) {
        return store;
    }

    @Provides
    static AuditSigner signer(KmsAuditSigner signer) {
        return signer;
    }

    @Provides
    static SealAuditTrail seal(AuditStore store, AuditSigner signer, Clock clock, Settings.AuditIntegrity integrity) {
        return new SealAuditTrail(store, signer, clock, integrity.settle());
    }

    @Provides
    static VerifyAuditRange verify(AuditStore store, KmsSignatureCheck signatures) {
        return new VerifyAuditRange(store, signatures);
    }

    /**
     * What this function rehearses alongside init (KMS's signing, SHA-256) and before its SnapStart
     * snapshot. It holds no data key; the public key it may keep after a first verification is
     * public, and is not fetched before the snapshot.
     */
    @Provides
    static SnapStartPriming snapStartPriming(
            Provider<ObjectMapper> json, Settings settings, Settings.AuditIntegrity integrity) {
        return SnapStartPriming.builder()
                .primeAlongsideInit("KMS", () -> KmsPriming.signing(settings, integrity.signingKeyId()))
                .primeAlongsideInit("SHA-256", () -> Digests.sha256("snapstart-priming"))
                .prime("JSON", () -> JsonPriming.prime(json.get(), List.of(), List.of(Map.class)))
                .prime("DynamoDB", () -> DynamoDbPriming.prime(settings))
                .build();
    }
}
