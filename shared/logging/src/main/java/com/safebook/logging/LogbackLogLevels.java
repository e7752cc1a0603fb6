package com.safebook.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * How Powertools sets and reads log levels with Logback (its {@code LoggingManager} service, which
 * its own Logback module would provide): {@code POWERTOOLS_LOG_LEVEL}, Lambda's {@code
 * AWS_LAMBDA_LOG_LEVEL} and debug sampling all set the root logger's level.
 */
public final class LogbackLogLevels implements LoggingManager {
    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level.toString()));
    }

    @Override
    public org.slf4j.event.Level getLogLevel(Logger logger) {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        return switch (context.getLogger(logger.getName()).getEffectiveLevel().toInt()) {
            case Level.OFF_INT, Level.ERROR_INT -> org.slf4j.event.Level.ERROR;
            case Level.WARN_INT -> org.slf4j.event.Level.WARN;
            case Level.INFO_INT -> org.slf4j.event.Level.INFO;
            case Level.DEBUG_INT -> org.slf4j.event.Level.DEBUG;
            default -> org.slf4j.event.Level.TRACE;
        };
    }
}
