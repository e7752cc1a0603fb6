package com.safebook.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

class LogbackLogLevelsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ch.qos.logback.classic.Level rootLevel =
            context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();

    @AfterEach
    void restoreTheRootLevel() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootLevel);
    }

    @Test
    void powertoolsFindsIt_andItSetsAndReadsTheRootLevel() {
        var managers = ServiceLoader.load(LoggingManager.class).stream()
                .map(ServiceLoader.Provider::type)
                .toList();
        assertThat(managers).containsExactly(LogbackLogLevels.class);

        var manager = new LogbackLogLevels();
        var logger = LoggerFactory.getLogger("com.safebook.some.Use");
        manager.setLogLevel(Level.DEBUG);
        assertThat(manager.getLogLevel(logger)).isEqualTo(Level.DEBUG);
        assertThat(logger.isDebugEnabled()).isTrue();

        manager.setLogLevel(Level.ERROR);
        assertThat(manager.getLogLevel(logger)).isEqualTo(Level.ERROR);
        assertThat(logger.isWarnEnabled()).isFalse();
    }

    @Test
    void theSdksWarningLevel_isReadAsTheSdkLoggersOwn() {
        var manager = new LogbackLogLevels();
        manager.setLogLevel(Level.TRACE);

        assertThat(manager.getLogLevel(LoggerFactory.getLogger("software.amazon.awssdk.core")))
                .isEqualTo(Level.WARN);
    }
}
