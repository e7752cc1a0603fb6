package com.safebook.core.fake;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.catalog.CatalogRepository;
import com.safebook.core.catalog.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The catalogue in memory, for tests of the use cases. */
public final class InMemoryCatalogRepository implements CatalogRepository {
    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final InMemoryAuditTrail audit;

    public InMemoryCatalogRepository() {
        this(new InMemoryAuditTrail());
    }

    /** Audited saves append to {@code audit}, as the DynamoDB adapter writes both in one transaction. */
    public InMemoryCatalogRepository(InMemoryAuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public List<Service> services() {
        return List.copyOf(services.values());
    }

    @Override
    public Optional<Service> service(String serviceId) {
        return serviceId == null ? Optional.empty() : Optional.ofNullable(services.get(serviceId));
    }

    @Override
    public void save(Service service) {
        services.put(service.serviceId(), service);
    }

    /** Removes the service, as an operator might in the table itself; the port offers no removal. */
    public void remove(String serviceId) {
        services.remove(serviceId);
    }

    @Override
    public synchronized SaveOutcome save(Service service, SaveMode mode, AuditRecord record) {
        var existed = services.containsKey(service.serviceId());
        if (existed && mode == SaveMode.CREATE) {
            return SaveOutcome.ALREADY_EXISTS;
        }
        services.put(service.serviceId(), service);
        audit.record(record);
        return existed ? SaveOutcome.REPLACED : SaveOutcome.CREATED;
    }
}
