package com.safebook.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration in a function, in code (found by Logback through {@code
 * META-INF/services}), so that no XML parser loads at a cold start: every event goes to standard
 * output, which Lambda sends to CloudWatch Logs, as a line of Powertools' JSON ({@link
 * PowertoolsJsonEncoder}). The level is INFO until Powertools applies {@code POWERTOOLS_LOG_LEVEL}
 * or Lambda's {@code AWS_LAMBDA_LOG_LEVEL} through {@link LogbackLogLevels}; the AWS SDK logs
 * warnings and errors only.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LambdaLogbackConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        var encoder = new PowertoolsJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("powertools-json");
        console.setEncoder(encoder);
        console.start();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
