package com.safebook.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowertoolsJsonEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();
    private final PowertoolsJsonEncoder encoder = new PowertoolsJsonEncoder();

    @Test
    void anInvocationsLine_hasPowertoolsFieldsTypedAndInItsOrder_andTheOtherMdcEntries() throws Exception {
        var mdc = new LinkedHashMap<String, String>();
        mdc.put("function_request_id", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        mdc.put("cold_start", "true");
        mdc.put("function_memory_size", "1024");
        mdc.put("function_arn", "arn:aws:lambda:eu-west-1:123456789012:function:safebook-booking:live");
        mdc.put("function_name", "safebook-booking");
        mdc.put("function_version", "$LATEST");
        mdc.put("sampling_rate", "0.1");
        mdc.put("service", "booking");
        mdc.put("xray_trace_id", "1-5759e988-bd862e3fe1be46a994272793");
        mdc.put("route", "POST /bookings");

        var line = encode(event(Level.INFO, "Answered {} in {} ms", mdc, null, 201, 12), 1_795_532_645_007L);

        assertThat(fieldNames(line))
                .containsExactly(
                        "level",
                        "message",
                        "cold_start",
                        "function_arn",
                        "function_memory_size",
                        "function_name",
                        "function_request_id",
                        "function_version",
                        "sampling_rate",
                        "service",
                        "timestamp",
                        "xray_trace_id",
                        "region",
                        "account_id",
                        "route");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("Answered 201 in 12 ms");
        assertThat(line.get("cold_start").isBoolean()).isTrue();
        assertThat(line.get("cold_start").asBoolean()).isTrue();
        assertThat(line.get("function_memory_size").isInt()).isTrue();
        assertThat(line.get("function_memory_size").asInt()).isEqualTo(1024);
        assertThat(line.get("sampling_rate").isNumber()).isTrue();
        assertThat(line.get("sampling_rate").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-24T15:04:05.007Z");
        assertThat(line.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(line.get("account_id").asText()).isEqualTo("123456789012");
        assertThat(line.get("route").asText()).isEqualTo("POST /bookings");
    }

    @Test
    void outsideAnInvocation_theContextFieldsAreLeftOut_andMalformedNumbersStayText() throws Exception {
        var line = encode(event(Level.WARN, "Restored", Map.of("function_memory_size", "lots"), null), 0L);

        assertThat(fieldNames(line)).containsExactly("level", "message", "function_memory_size", "timestamp");
        assertThat(line.get("function_memory_size").asText()).isEqualTo("lots");
        assertThat(line.get("timestamp").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void mdcEntriesNamedLikeTheEncodersOwnFields_areNotWrittenTwice() throws Exception {
        var mdc = new LinkedHashMap<String, String>();
        for (var name : new String[] {"level", "message", "error", "timestamp", "region", "account_id", "service"}) {
            mdc.put(name, "from the MDC");
        }
        mdc.put("service", "booking");

        var text = new String(encode(event(Level.INFO, "Answered", mdc, null)), StandardCharsets.UTF_8);

        var line = JSON.readTree(text);
        assertThat(fieldNames(line))
                .doesNotHaveDuplicates()
                .containsExactly("level", "message", "service", "timestamp");
        assertThat(line.get("message").asText()).isEqualTo("Answered");
        assertThat(text).doesNotContain("from the MDC");
    }

    @Test
    void anException_isTheErrorObject_withItsStackAsText() throws Exception {
        var failure = new IllegalStateException("table missing", new RuntimeException("cause"));

        var line = encode(event(Level.ERROR, "Failed", Map.of(), failure), 1_000L);

        var error = line.get("error");
        assertThat(error.get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("message").asText()).isEqualTo("table missing");
        assertThat(error.get("stack").asText())
                .startsWith("java.lang.IllegalStateException: table missing")
                .contains("at com.safebook.logging.PowertoolsJsonEncoderTest")
                .contains("Caused by: java.lang.RuntimeException: cause");
    }

    @Test
    void everyEventIsOneAsciiLine_evenWithLineBreaksLoneSurrogatesAndNonAsciiText() throws Exception {
        var message = "Zoë\nline two\r\u2028 \ud800 alone \u0000 end";
        encoder.setContext(context);
        var bytes = encoder.encode(event(Level.INFO, message, Map.of("note", "\udfff"), null));

        var text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n", "\r");
        assertThat(text.chars().allMatch(c -> c < 0x80)).isTrue();
        var line = JSON.readTree(text);
        assertThat(line.get("message").asText()).isEqualTo(message);
        assertThat(line.get("note").asText()).isEqualTo("\udfff");
    }

    @Test
    void utcTimestamps_areZeroPaddedToTheMillisecond_beforeAndAfterTheEpoch() {
        for (long millis : new long[] {0L, 1L, 59_999L, 86_399_999L, 1_795_532_645_007L, -1L, 253_402_300_799_999L}) {
            var expected = Instant.ofEpochMilli(millis).toString();
            var withMillis = expected.contains(".") ? expected : expected.replace("Z", ".000Z");
            assertThat(PowertoolsJsonEncoder.utcTimestamp(millis))
                    .as("%d", millis)
                    .isEqualTo(withMillis);
        }
    }

    private LoggingEvent event(
            Level level, String message, Map<String, String> mdc, Throwable error, Object... arguments) {
        var event = new LoggingEvent(
                getClass().getName(), context.getLogger("com.safebook.test"), level, message, error, arguments);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private byte[] encode(LoggingEvent event) {
        encoder.setContext(context);
        return encoder.encode(event);
    }

    private JsonNode encode(LoggingEvent event, long timestamp) throws Exception {
        event.setTimeStamp(timestamp);
        encoder.setContext(context);
        var text = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return JSON.readTree(text);
    }

    private static ArrayList<String> fieldNames(JsonNode line) {
        var names = new ArrayList<String>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
