package com.safebook.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every JSON benchmark takes its success path: nothing is refused, everything is written. */
class BookingJsonBenchmarkTest {
    private final BookingJsonBenchmark benchmark = new BookingJsonBenchmark();
    private final ObjectMapper reader = new ObjectMapper();

    BookingJsonBenchmarkTest() {
        benchmark.readFixtures();
    }

    @Test
    void readBookingBody_bookingFormBody_isReadWithEveryField() throws Exception {
        var request = benchmark.readBookingBody();

        assertThat(request.serviceId()).isEqualTo("follow-up");
        assertThat(request.email()).isEqualTo("Ada.Lovelace@example.com");
        assertThat(request.notes()).startsWith("Left knee");
        assertThat(request.consents()).containsOnlyKeys("appointment-reminders", "health-notes", "marketing-email");
    }

    @Test
    void writeWeekOfSlots_week_writesEveryFreeSlot() throws Exception {
        var slots = reader.readTree(benchmark.writeWeekOfSlots()).path("slots");

        assertThat(slots).hasSize(benchmark.week.slots().size()).hasSizeGreaterThan(50);
        assertThat(slots.get(0).path("start").asText())
                .startsWith("2026-03-02T")
                .endsWith("+01:00");
    }

    @Test
    void writeBookingView_booking_writesTheCustomer() throws Exception {
        var view = reader.readTree(benchmark.writeBookingView());

        assertThat(view.path("customer").path("phone").asText()).isEqualTo("+44 20 7946 0958");
        assertThat(view.path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void availabilityRoundTrip_weekQuery_answers200WithTheWeeksSlotsAndOneEdgeRecord() throws Exception {
        var response = reader.readTree(benchmark.availabilityRoundTrip());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Access-Control-Allow-Origin").asText())
                .isEqualTo("https://d111111abcdef8.cloudfront.net");
        var slots = reader.readTree(response.path("body").asText()).path("slots");
        assertThat(slots).hasSize(5 * (15 + 19) + 15);
        assertThat(benchmark.edgeRecords.last.eventName()).isEqualTo("GET /availability");
    }

    @Test
    void availabilityRoundTrip_projectCodecAndRuntimeSerialization_answerTheSame() throws Exception {
        var ours = reader.readTree(benchmark.availabilityRoundTrip());
        var runtimes = reader.readTree(benchmark.availabilityRoundTripRuntimeSerialization());

        assertThat(ours.path("statusCode")).isEqualTo(runtimes.path("statusCode"));
        assertThat(ours.path("headers")).isEqualTo(runtimes.path("headers"));
        assertThat(reader.readTree(ours.path("body").asText()))
                .isEqualTo(reader.readTree(runtimes.path("body").asText()));
    }
}
