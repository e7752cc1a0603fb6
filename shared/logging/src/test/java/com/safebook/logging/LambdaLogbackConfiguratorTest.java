package com.safebook.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LambdaLogbackConfiguratorTest {
    @Test
    void slf4jLogsThroughLogback_configuredInCodeToWritePowertoolsJsonToStandardOutput() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();

        var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("powertools-json");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        var console = (ConsoleAppender<?>) appender;
        assertThat(console.getTarget()).isEqualTo("System.out");
        assertThat(console.getEncoder()).isInstanceOf(PowertoolsJsonEncoder.class);
        assertThat(console.isStarted()).isTrue();
    }

    @Test
    void theLevelIsInfoUntilPowertoolsSetsIt_andTheSdkLogsWarningsOnly() {
        var context = new LoggerContext();

        new LambdaLogbackConfigurator().configure(context);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("software.amazon.awssdk.request").getEffectiveLevel())
                .isEqualTo(Level.WARN);
    }
}
