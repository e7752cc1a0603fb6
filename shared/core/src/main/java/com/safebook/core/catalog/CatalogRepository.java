package com.safebook.core.catalog;

import java.util.List;
import java.util.Optional;

/** Port: the business's catalogue of services. */
public interface CatalogRepository {
    List<Service> services();

    Optional<Service> service(String serviceId);

    void save(Service service);
}
