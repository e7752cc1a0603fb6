package com.safebook.aws.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.consent.ConsentRetention;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.security.SecureIds;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** What every function needs besides the SDK clients. */
@Module
public final class SharedModule {
    private SharedModule() {}

    @Provides
    @Singleton
    public static Settings settings() {
        return Settings.fromEnvironment();
    }

    @Provides
    public static RetentionPolicy retention(Settings settings) {
        return settings.retention();
    }

    @Provides
    public static ConsentRetention consentRetention(Settings settings) {
        return settings.consentRetention();
    }

    /** The purposes of processing and their policies, as this build ships them. */
    @Provides
    public static PurposeCatalog purposeCatalog() {
        return PurposeCatalog.DEFAULT;
    }

    @Provides
    @Singleton
    public static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    public static SecureIds secureIds() {
        return new SecureIds();
    }

    /** Strict on input: unknown fields, duplicate keys and type coercions are refused. */
    @Provides
    @Singleton
    public static ObjectMapper objectMapper() {
        var mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        // A number or boolean where text is expected is a client's mistake, not something to guess at.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
