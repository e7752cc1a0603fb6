package com.safebook.core.consent;

import java.util.List;
import java.util.Optional;

/**
 * A subject's consents: the state of every purpose they decide about, in the catalogue's order,
 * and the unexpired history it is derived from, oldest first. Purposes that rest on another legal
 * basis (the booking itself) have no state here: there is nothing to decide.
 */
public record Consents(List<ConsentState> states, List<ConsentRecord> history) {
    public Consents {
        states = List.copyOf(states);
        history = List.copyOf(history);
    }

    public static Consents derive(PurposeCatalog catalog, List<ConsentRecord> history) {
        var states = catalog.decidedByPerson().stream()
                .map(p -> ConsentState.derive(p, history))
                .toList();
        return new Consents(states, history);
    }

    public Optional<ConsentState> state(String purposeId) {
        return states.stream().filter(s -> s.purpose().id().equals(purposeId)).findFirst();
    }
}
