package com.safebook.booking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.aws.testing.CountingSecurityMetrics;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.availability.GetAvailability;
import com.safebook.core.availability.Schedule;
import com.safebook.core.booking.Booking;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingFormConsents;
import com.safebook.core.booking.BookingRequest;
import com.safebook.core.booking.CancelBooking;
import com.safebook.core.booking.Cancellation;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.booking.GetBooking;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.catalog.ListServices;
import com.safebook.core.consent.ConsentRetention;
import com.safebook.core.consent.PurposeCatalog;
import com.safebook.core.consent.RecordConsentDecision;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.InMemoryBookingRepository;
import com.safebook.core.fake.InMemoryCatalogRepository;
import com.safebook.core.fake.InMemoryConsentLedger;
import com.safebook.core.fake.InMemoryDataSubjects;
import com.safebook.core.security.SecureIds;
import com.safebook.microbench.Practice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JSON at the booking function's edge, with the project's strict {@link ObjectMapper}: reading the
 * body of {@code POST /bookings}, writing a week of free slots and a booking's view, and a whole
 * warm {@code GET /availability} invocation from API Gateway's event JSON to the response's, through
 * {@link ApiEndpoint} and the real routes: read and written by the project's codec, as the functions
 * do, and by the java25 runtime's own serialization, as they did before.
 *
 * <p>In this package because the function's request and view types are its own (package-private).
 * The routes' use cases run on the core's in-memory fakes, so no I/O is measured; the week has no
 * bookings there (see {@code AvailabilityBenchmark} for the computation with bookings). The edge's
 * log line is not written (level WARN) and there is no Lambda context (Powertools adds no keys).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "-Dlog4j2.configurationFile=classpath:log4j2-benchmarks.xml")
public class BookingJsonBenchmark {
    final ObjectMapper json = SharedModule.objectMapper();

    byte[] bookingBody;
    Views.SlotsView week;
    Booking booking;

    byte[] availabilityEvent;
    PojoSerializer<APIGatewayProxyRequestEvent> eventReader;
    PojoSerializer<APIGatewayProxyResponseEvent> responseWriter;
    ApiEndpoint endpoint;
    ApiRoutes routes;
    LastRecord edgeRecords;

    /** Keeps only the last record of the edge, so that millions of calls hold no memory. */
    static final class LastRecord implements AuditTrail {
        volatile AuditRecord last;

        @Override
        public void record(AuditRecord record) {
            last = record;
        }
    }

    @Setup
    public void readFixtures() {
        bookingBody = resource("/events/create-booking-body.json");
        availabilityEvent = resource("/events/get-availability.json");
        var service = Practice.followUp();
        var from = Practice.MONDAY;
        var to = from.plusDays(6);
        week = Views.slots(Schedule.free(
                Schedule.offered(service, from, to), Practice.takenGranules(service, from, to), Practice.NOW));
        booking = Practice.booking(service);

        var loader = getClass().getClassLoader();
        eventReader = LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader);
        responseWriter = LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader);
        var clock = Clock.fixed(Practice.NOW, ZoneOffset.UTC);
        var ids = new SecureIds();
        edgeRecords = new LastRecord();
        endpoint = new ApiEndpoint(
                json,
                edgeRecords,
                clock,
                ids,
                new CountingSecurityMetrics(),
                Optional.of("https://d111111abcdef8.cloudfront.net"));
        routes = routesOverFakes(clock, ids);
    }

    @Benchmark
    public BookingRequest readBookingBody() throws IOException {
        return json.readValue(bookingBody, CreateBookingBody.class).toRequest();
    }

    @Benchmark
    public String writeWeekOfSlots() throws JsonProcessingException {
        return json.writeValueAsString(week);
    }

    @Benchmark
    public String writeBookingView() throws JsonProcessingException {
        return json.writeValueAsString(Views.booking(booking));
    }

    /** As the functions run it: a stream handler, with the project's own event codec. */
    @Benchmark
    public byte[] availabilityRoundTrip() throws IOException {
        var out = new ByteArrayOutputStream(8192);
        endpoint.handle(new ByteArrayInputStream(availabilityEvent), out, null, routes);
        return out.toByteArray();
    }

    /** The same through the java25 runtime's own serialization, as the functions ran before they read their events themselves. */
    @Benchmark
    public byte[] availabilityRoundTripRuntimeSerialization() {
        var event = eventReader.fromJson(new ByteArrayInputStream(availabilityEvent));
        var response = endpoint.handle(event, null, routes);
        var out = new ByteArrayOutputStream(8192);
        responseWriter.toJson(response, out);
        return out.toByteArray();
    }

    /** The booking function's routes, as its Dagger graph builds them, over the core's fakes. */
    private static ApiRoutes routesOverFakes(Clock clock, SecureIds ids) {
        var audit = new InMemoryAuditTrail();
        var catalog = new InMemoryCatalogRepository(audit);
        catalog.save(Practice.followUp());
        var subjects = new InMemoryDataSubjects();
        var bookings = new InMemoryBookingRepository(audit, subjects);
        var ledger = new InMemoryConsentLedger(audit);
        var purposes = PurposeCatalog.DEFAULT;
        var consents = new BookingFormConsents(
                purposes, new RecordConsentDecision(ledger, purposes, ConsentRetention.ofYears(3), clock, ids), ledger);
        var access = new BookingAccess(bookings);
        return new BookingRoutes(
                        new ListServices(catalog),
                        new GetAvailability(catalog, bookings, clock),
                        new CreateBooking(
                                catalog, bookings, subjects, clock, ids, RetentionPolicy.defaults(), consents),
                        new GetBooking(access, audit, clock, ids),
                        new CancelBooking(access, new Cancellation(bookings, ids), clock))
                .routes();
    }

    private static byte[] resource(String name) {
        try (var in = BookingJsonBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The benchmark fixture " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
