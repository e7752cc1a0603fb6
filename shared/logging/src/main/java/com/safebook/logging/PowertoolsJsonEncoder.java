package com.safebook.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One line of JSON per log event, with the fields of Powertools' Lambda layout (the one its Log4j
 * and Logback modules write): {@code level}, {@code message}, {@code error}, the function's context
 * that {@code PowertoolsLogging.withLogging} puts in the MDC ({@code function_request_id}, {@code
 * cold_start} as a boolean, {@code function_memory_size} as a number and so on), {@code timestamp}
 * in UTC to the millisecond, and every other MDC entry (one named like a field above is left out, so
 * no name appears twice). Absent fields are left out.
 *
 * <p>Written by hand because Powertools' own Logback encoder ({@code powertools-logging-logback}) is
 * not on the Maven mirror this project builds from. Every character outside ASCII is written as an
 * escape, as the API's event codec does, so a lone surrogate in a message is logged rather than
 * refused by the UTF-8 writer.
 */
public final class PowertoolsJsonEncoder extends EncoderBase<ILoggingEvent> {
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");
    private static final String ARN = "function_arn";
    private static final String COLD_START = "cold_start";
    private static final String MEMORY_SIZE = "function_memory_size";
    private static final String SAMPLING_RATE = "sampling_rate";

    /** The context fields in the order Powertools' layout writes them, before and after the timestamp. */
    private static final String[] BEFORE_TIMESTAMP = {
        COLD_START,
        ARN,
        MEMORY_SIZE,
        "function_name",
        "function_request_id",
        "function_version",
        SAMPLING_RATE,
        "service"
    };

    private static final String[] AFTER_TIMESTAMP = {"xray_trace_id", "correlation_id"};
    /** The names this encoder writes itself: an MDC entry of the same name is not written again. */
    private static final Set<String> OWN_FIELDS = Stream.of(
                    Arrays.stream(BEFORE_TIMESTAMP),
                    Arrays.stream(AFTER_TIMESTAMP),
                    Stream.of("level", "message", "error", "timestamp", "region", "account_id"))
            .flatMap(names -> names)
            .collect(Collectors.toUnmodifiableSet());

    private final JsonFactory json =
            JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        var out = new ByteArrayOutputStream(512);
        try (var line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("message", event.getFormattedMessage());
            writeError(line, event.getThrowableProxy());
            var mdc = event.getMDCPropertyMap();
            for (var field : BEFORE_TIMESTAMP) {
                writeContextField(line, field, mdc.get(field));
            }
            line.writeStringField("timestamp", utcTimestamp(event.getTimeStamp()));
            for (var field : AFTER_TIMESTAMP) {
                writeContextField(line, field, mdc.get(field));
            }
            writeArnParts(line, mdc.get(ARN));
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                if (!OWN_FIELDS.contains(entry.getKey()) && entry.getValue() != null) {
                    line.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeError(JsonGenerator line, IThrowableProxy error) throws IOException {
        if (error == null) {
            return;
        }
        line.writeObjectFieldStart("error");
        if (error.getMessage() != null) {
            line.writeStringField("message", error.getMessage());
        }
        line.writeStringField("name", error.getClassName());
        line.writeStringField("stack", ThrowableProxyUtil.asString(error));
        line.writeEndObject();
    }

    /** A context field as Powertools types it: the cold start a boolean, memory and sampling rate numbers. */
    private static void writeContextField(JsonGenerator line, String field, String value) throws IOException {
        if (value == null) {
            return;
        }
        try {
            switch (field) {
                case COLD_START -> line.writeBooleanField(field, Boolean.parseBoolean(value));
                case MEMORY_SIZE -> line.writeNumberField(field, Integer.parseInt(value));
                case SAMPLING_RATE -> line.writeNumberField(field, Float.parseFloat(value));
                default -> line.writeStringField(field, value);
            }
        } catch (NumberFormatException notANumber) {
            line.writeStringField(field, value);
        }
    }

    /** The region and account of the function's ARN, as Powertools' layout adds them. */
    private static void writeArnParts(JsonGenerator line, String arn) throws IOException {
        if (arn == null || !FUNCTION_ARN.matcher(arn).matches()) {
            return;
        }
        var parts = arn.split(":");
        line.writeStringField("region", parts[3]);
        line.writeStringField("account_id", parts[4]);
    }

    /**
     * {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC, by arithmetic: a {@code DateTimeFormatter} would
     * cost the cold start its formatter classes for one pattern.
     */
    static String utcTimestamp(long epochMillis) {
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        var date = LocalDate.ofEpochDay(day);
        var text = new StringBuilder(24).append(date).append('T');
        pad(text, millisOfDay / 3_600_000, 2).append(':');
        pad(text, millisOfDay / 60_000 % 60, 2).append(':');
        pad(text, millisOfDay / 1_000 % 60, 2).append('.');
        return pad(text, millisOfDay % 1_000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        var digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
