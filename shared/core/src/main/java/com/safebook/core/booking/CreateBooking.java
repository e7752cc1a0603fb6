package com.safebook.core.booking;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.availability.CalendarYears;
import com.safebook.core.availability.Schedule;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.Service;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Validation;
import com.safebook.core.privacy.DataSubject;
import com.safebook.core.privacy.DataSubjects;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Use case: book a slot. The booking, its locks, its idempotency record and its audit record are
 * written in one conditional transaction, so that of any number of concurrent requests for a slot
 * exactly one succeeds, and a retried request gets the first answer again.
 *
 * <p>A booking may carry consents, checked with everything else before anything is written and
 * recorded in the booking's transaction: see {@link BookingFormConsents}.
 *
 * <p>The service is read once per instance and then kept: the booking's transaction checks that the
 * catalogue still holds it as it was read, so a service changed or removed meanwhile costs one
 * fresh read and a second attempt, never a booking checked against stale hours.
 */
public final class CreateBooking {
    public static final String EVENT_SOURCE = "bookings.safebook";
    /**
     * A subject changes under a request only when it is created or erased at that moment, its
     * consent history only when another of its decisions lands at that moment, and a service read
     * fresh only when an administrator saves it at that moment.
     */
    private static final int ATTEMPTS = 3;
    /** More services than a catalogue holds; beyond it the kept ones are dropped, never the check. */
    private static final int MAX_KEPT_SERVICES = 256;

    private final CatalogRepository catalog;
    private final BookingRepository bookings;
    private final DataSubjects subjects;
    private final Clock clock;
    private final SecureIds ids;
    private final RetentionPolicy retention;
    private final BookingFormConsents consents;
    /** Services as this instance last read them; each booking's transaction checks its own. */
    private final Map<String, Service> keptServices = new ConcurrentHashMap<>();

    public CreateBooking(
            CatalogRepository catalog,
            BookingRepository bookings,
            DataSubjects subjects,
            Clock clock,
            SecureIds ids,
            RetentionPolicy retention,
            BookingFormConsents consents) {
        this.catalog = catalog;
        this.bookings = bookings;
        this.subjects = subjects;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
        this.consents = consents;
    }

    public BookingConfirmation create(BookingRequest request, String idempotencyKey, RequestContext context) {
        var key = IdempotencyKey.parse(idempotencyKey);
        var validation = new Validation();
        validation.require(request.serviceId() != null && !request.serviceId().isBlank(), "serviceId", "required");
        var start = parseStart(request.start(), validation);
        CustomerValidation.check(request, validation);
        consents.check(request.consents(), request.notes(), validation);
        validation.throwIfInvalid();

        var now = clock.instant();
        var service = bookable(request.serviceId(), start, now);

        var token = ManageToken.generate(ids);
        var customer = CustomerValidation.customer(request);
        for (int attempt = 1; ; attempt++) {
            var subject = subjects.identify(customer.email());
            var booking = newBooking(service, start, request, customer, subject, token, now);
            var idempotency = new IdempotencyRecord(
                    key.id(),
                    key.fingerprint(fingerprintFields(request, start)),
                    booking.bookingId(),
                    booking.serviceId(),
                    booking.start(),
                    booking.end(),
                    service.timeZone().getId(),
                    key.seal(token, ids),
                    now.plus(retention.idempotency()));
            var audit = AuditRecord.success(
                    now,
                    ids.uuid(),
                    EVENT_SOURCE,
                    "CreateBooking",
                    false,
                    context,
                    List.of(
                            AuditResource.booking(booking.bookingId()),
                            AuditResource.dataSubject(subject.subjectId())));

            var grants = consents.appends(subject, request.consents(), context, now);
            switch (bookings.create(
                    service, booking, subject, Schedule.granules(service, start), idempotency, audit, grants)) {
                case BookingRepository.CreateOutcome.Created created -> {
                    return new BookingConfirmation(
                            booking.bookingId(),
                            token,
                            BookingStatus.CONFIRMED,
                            booking.serviceId(),
                            booking.localStart(),
                            booking.localEnd(),
                            consents.grantedPurposes(request.consents()),
                            List.of());
                }
                case BookingRepository.CreateOutcome.DuplicateRequest duplicate -> {
                    return replay(duplicate.existing(), key, idempotency.fingerprint(), request, now);
                }
                case BookingRepository.CreateOutcome.SlotTaken taken ->
                    throw new DomainException(
                            ErrorKind.CONFLICT,
                            "slot-unavailable",
                            "This slot has just been booked; please choose another.");
                case BookingRepository.CreateOutcome.SubjectChanged changed -> {
                    subjects.forget(subject);
                    if (attempt >= ATTEMPTS) {
                        throw busy();
                    }
                }
                case BookingRepository.CreateOutcome.ConsentsChanged changed -> {
                    if (attempt >= ATTEMPTS) {
                        throw busy();
                    }
                }
                case BookingRepository.CreateOutcome.ServiceChanged changed -> {
                    keptServices.remove(service.serviceId());
                    if (attempt >= ATTEMPTS) {
                        throw busy();
                    }
                    // Checked again as a first request would be: gone is unknown, new hours may not offer it.
                    service = offering(freshService(request.serviceId()), start);
                }
            }
        }
    }

    /**
     * The service, if it offers {@code start}: as this instance read it last if that offers it,
     * otherwise read now. A refusal is always decided on a fresh read, so kept hours never refuse
     * a slot that new hours offer.
     */
    private Service bookable(String serviceId, Instant start, Instant now) {
        var kept = keptServices.get(serviceId);
        if (kept != null && start.isAfter(now) && Schedule.offers(kept, start)) {
            return kept;
        }
        var service = freshService(serviceId);
        if (!start.isAfter(now)) {
            throw invalid("start", "in-the-past");
        }
        return offering(service, start);
    }

    private Service freshService(String serviceId) {
        var service = catalog.service(serviceId).orElseThrow(() -> invalid("serviceId", "unknown-service"));
        if (keptServices.size() >= MAX_KEPT_SERVICES) {
            keptServices.clear();
        }
        keptServices.put(serviceId, service);
        return service;
    }

    private static Service offering(Service service, Instant start) {
        if (!Schedule.offers(service, start)) {
            throw invalid("start", "not-an-offered-slot");
        }
        return service;
    }

    private static DomainException busy() {
        return new DomainException(
                ErrorKind.DEPENDENCY_UNAVAILABLE,
                "busy",
                "The booking could not be completed just now; please try again shortly.");
    }

    private Booking newBooking(
            Service service,
            Instant start,
            BookingRequest request,
            Customer customer,
            DataSubject subject,
            String token,
            Instant now) {
        var end = start.plus(service.duration());
        var notes = Optional.ofNullable(request.notes()).map(String::strip).filter(n -> !n.isEmpty());
        return new Booking(
                ids.id128(),
                service.serviceId(),
                service.resourceId(),
                service.timeZone(),
                start,
                end,
                BookingStatus.CONFIRMED,
                subject.subjectId(),
                customer,
                notes,
                ManageToken.hash(token),
                now,
                Optional.empty(),
                end.plus(retention.bookingAfterAppointment()));
    }

    private BookingConfirmation replay(
            IdempotencyRecord existing, IdempotencyKey key, String fingerprint, BookingRequest request, Instant now) {
        if (!existing.fingerprint().equals(fingerprint)) {
            throw new DomainException(
                    ErrorKind.INVALID,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new booking.");
        }
        var zone = ZoneId.of(existing.timeZone());
        // The first answer listed the form's grants; read the ledger again only when there were some.
        var grants = consents.grantedPurposes(request.consents()).isEmpty()
                ? BookingFormConsents.Outcome.NONE
                : consents.asRecorded(
                        bookings.find(existing.bookingId(), now).map(Booking::subjectId), request.consents(), now);
        return new BookingConfirmation(
                existing.bookingId(),
                key.unseal(existing.sealedToken()),
                BookingStatus.CONFIRMED,
                existing.serviceId(),
                existing.start().atZone(zone),
                existing.end().atZone(zone),
                grants.recorded(),
                grants.notRecorded());
    }

    private static List<String> fingerprintFields(BookingRequest request, Instant start) {
        return java.util.Arrays.asList(
                request.serviceId(),
                start.toString(),
                request.name(),
                request.email(),
                request.phone(),
                request.notes());
    }

    private static Instant parseStart(String start, Validation validation) {
        if (start == null || start.isBlank()) {
            validation.require(false, "start", "required");
            return Instant.EPOCH;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(start).toInstant();
        } catch (DateTimeParseException e) {
            validation.require(false, "start", "not-an-iso-8601-date-time-with-offset");
            return Instant.EPOCH;
        }
        validation.require(CalendarYears.contains(instant), "start", CalendarYears.OUT_OF_RANGE);
        return instant;
    }

    private static DomainException invalid(String field, String code) {
        return new DomainException(
                ErrorKind.INVALID,
                "validation-failed",
                "The request is not valid; see the violations.",
                List.of(new com.safebook.core.error.Violation(field, code)));
    }
}
