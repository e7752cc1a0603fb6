package com.safebook.core.catalog;

import java.util.Comparator;
import java.util.List;

/** Use case: the services a customer can book, in a stable order. */
public final class ListServices {
    private final CatalogRepository catalog;

    public ListServices(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    public List<Service> list() {
        return catalog.services().stream()
                .sorted(Comparator.comparing(Service::name).thenComparing(Service::serviceId))
                .toList();
    }
}
