package com.safebook.core.catalog;

import com.safebook.core.audit.AuditRecord;
import java.util.List;
import java.util.Optional;

/** Port: the business's catalogue of services. */
public interface CatalogRepository {
    List<Service> services();

    Optional<Service> service(String serviceId);

    /** Stores the service as it is, unaudited: for seed data and tests. */
    void save(Service service);

    /**
     * Stores the service with its audit record, both or neither. With {@link SaveMode#CREATE} an
     * existing service of the same id is left alone and nothing is written.
     */
    SaveOutcome save(Service service, SaveMode mode, AuditRecord audit);

    enum SaveMode {
        CREATE,
        CREATE_OR_REPLACE
    }

    enum SaveOutcome {
        CREATED,
        REPLACED,
        /** {@link SaveMode#CREATE} found the id taken; nothing was written. */
        ALREADY_EXISTS
    }
}
