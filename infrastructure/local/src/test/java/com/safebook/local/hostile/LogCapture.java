package com.safebook.local.hostile;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged in this JVM while a call runs: each event's logger, message, context data (what
 * Powertools' JSON layout would add to the line) and throwable with its messages, as text. The
 * module's log file still gets every line; the console does not, or the build's output would hold
 * one line per generated call.
 */
final class LogCapture extends AbstractAppender {
    private final StringBuilder text = new StringBuilder();

    private LogCapture() {
        super("HostileInputCapture", null, null, true, Property.EMPTY_ARRAY);
    }

    static LogCapture install() {
        var context = (LoggerContext) LogManager.getContext(false);
        var config = context.getConfiguration();
        var capture = new LogCapture();
        capture.start();
        config.addAppender(capture);
        var root = config.getRootLogger();
        root.addAppender(capture, null, null);
        root.removeAppender("Console");
        context.updateLoggers();
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        text.append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(' ')
                .append(event.getMessage().getFormattedMessage())
                .append(' ')
                .append(event.getContextData())
                .append('\n');
        if (event.getThrown() != null) {
            var trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(trace).append('\n');
        }
    }

    /** What was logged since the last call, and forgets it. */
    synchronized String take() {
        var logged = text.toString();
        text.setLength(0);
        return logged;
    }
}
