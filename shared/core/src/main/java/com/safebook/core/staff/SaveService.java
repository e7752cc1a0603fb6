package com.safebook.core.staff;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.booking.CreateBooking;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.CatalogRepository.SaveMode;
import com.safebook.core.catalog.CatalogRepository.SaveOutcome;
import com.safebook.core.catalog.Service;
import com.safebook.core.catalog.ServiceDefinition;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Violation;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Use case: an administrator creates a service of the catalogue or replaces one, opening hours
 * included. Bookings already made keep their times; new ones follow the new hours.
 */
public final class SaveService {
    private final CatalogRepository catalog;
    private final Clock clock;
    private final SecureIds ids;

    public SaveService(CatalogRepository catalog, Clock clock, SecureIds ids) {
        this.catalog = catalog;
        this.clock = clock;
        this.ids = ids;
    }

    /** The service and whether it was new. */
    public record Saved(Service service, boolean created) {}

    /** Creates the service; an id already in the catalogue is a conflict. */
    public Saved create(StaffIdentity staff, ServiceDefinition definition, RequestContext context) {
        staff.requireAnyOf(StaffRole.ADMIN);
        var service = definition.toService();
        var outcome = catalog.save(service, SaveMode.CREATE, audit("StaffCreateService", service, staff, context));
        if (outcome == SaveOutcome.ALREADY_EXISTS) {
            throw new DomainException(
                    ErrorKind.CONFLICT, "service-exists", "A service with this id exists; replace it with PUT.");
        }
        return new Saved(service, true);
    }

    /** Creates or replaces the service named by {@code serviceId}; a body naming another id is refused. */
    public Saved replace(StaffIdentity staff, String serviceId, ServiceDefinition definition, RequestContext context) {
        staff.requireAnyOf(StaffRole.ADMIN);
        var named = definition.serviceId() == null
                ? new ServiceDefinition(
                        serviceId,
                        definition.name(),
                        definition.durationMinutes(),
                        definition.priceMinor(),
                        definition.currency(),
                        definition.resourceId(),
                        definition.timeZone(),
                        definition.openingHours())
                : definition;
        if (!Objects.equals(named.serviceId(), serviceId)) {
            throw new DomainException(
                    ErrorKind.INVALID,
                    "validation-failed",
                    "The request is not valid; see the violations.",
                    List.of(new Violation("serviceId", "does-not-match-path")));
        }
        var service = named.toService();
        var outcome = catalog.save(
                service, SaveMode.CREATE_OR_REPLACE, audit("StaffReplaceService", service, staff, context));
        return new Saved(service, outcome == SaveOutcome.CREATED);
    }

    private AuditRecord audit(String eventName, Service service, StaffIdentity staff, RequestContext context) {
        return AuditRecord.success(
                clock.instant(),
                ids.uuid(),
                CreateBooking.EVENT_SOURCE,
                eventName,
                false,
                context.as(staff.actor()),
                List.of(AuditResource.service(service.serviceId())));
    }
}
