package com.safebook.core.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.catalog.ServiceDefinition;
import com.safebook.core.catalog.ServiceDefinition.Interval;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Violation;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.InMemoryCatalogRepository;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.security.SecureIds;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SaveServiceTest {
    private static final RequestContext CONTEXT = new RequestContext(Actor.anonymous(), "req", "", "");
    private static final StaffIdentity ADMIN = StaffIdentity.of("sub-admin", List.of("admin", "staff"), true);
    private static final StaffIdentity DESK = StaffIdentity.of("sub-desk", List.of("staff"), true);

    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository(audit);
    private final SaveService save =
            new SaveService(catalog, new MutableClock(Instant.parse("2026-03-02T08:00:00Z")), new SecureIds());

    static ServiceDefinition massage() {
        return new ServiceDefinition(
                "massage",
                "Massage",
                60,
                6500L,
                "EUR",
                "room-2",
                "Europe/Berlin",
                Map.of(
                        "MONDAY", List.of(new Interval("13:00", "17:00"), new Interval("09:00", "12:00")),
                        "SATURDAY", List.of(new Interval("10:00", "14:00"))));
    }

    @Test
    void create_admin_storesTheServiceWithItsHoursAndAuditsTheWrite() {
        var saved = save.create(ADMIN, massage(), CONTEXT);

        assertThat(saved.created()).isTrue();
        var stored = catalog.service("massage").orElseThrow();
        assertThat(stored.openingHours().on(DayOfWeek.MONDAY))
                .extracting(i -> i.opens())
                .containsExactly(LocalTime.of(9, 0), LocalTime.of(13, 0));
        assertThat(stored.openingHours().on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(stored.price().orElseThrow().amountMinor()).isEqualTo(6500L);
        var record = audit.records().getLast();
        assertThat(record.eventName()).isEqualTo("StaffCreateService");
        assertThat(record.readOnly()).isFalse();
        assertThat(record.userIdentity().principalId()).isEqualTo("sub-admin");
        assertThat(record.userIdentity().groups()).containsExactly("admin", "staff");
        assertThat(record.resources()).containsExactly(AuditResource.service("massage"));
    }

    @Test
    void create_existingId_isAConflictAndChangesNothing() {
        save.create(ADMIN, massage(), CONTEXT);

        assertThatThrownBy(() -> save.create(ADMIN, with(d -> rename(d, "Other")), CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.code()).isEqualTo("service-exists");
                });
        assertThat(catalog.service("massage").orElseThrow().name()).isEqualTo("Massage");
        assertThat(audit.records()).hasSize(1);
    }

    @Test
    void replace_existingOrNew_savesAndSaysWhichWithTheIdFromThePath() {
        save.create(ADMIN, massage(), CONTEXT);

        var replaced = save.replace(ADMIN, "massage", rename(massage(), "Deep massage"), CONTEXT);
        var fresh = save.replace(ADMIN, "facial", withoutId(massage()), CONTEXT);

        assertThat(replaced.created()).isFalse();
        assertThat(catalog.service("massage").orElseThrow().name()).isEqualTo("Deep massage");
        assertThat(fresh.created()).isTrue();
        assertThat(catalog.service("facial")).isPresent();
        assertThat(audit.records())
                .extracting(r -> r.eventName())
                .endsWith("StaffReplaceService", "StaffReplaceService");
    }

    @Test
    void replace_bodyNamingAnotherId_isRefused() {
        assertThatThrownBy(() -> save.replace(ADMIN, "facial", massage(), CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("serviceId", "does-not-match-path")));
    }

    @Test
    void createAndReplace_staffWithoutAdmin_isForbidden() {
        assertThatThrownBy(() -> save.create(DESK, massage(), CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
        assertThatThrownBy(() -> save.replace(DESK, "massage", massage(), CONTEXT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
        assertThat(catalog.services()).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "id with capitals", (UnaryOperator<ServiceDefinition>) d -> withId(d, "Massage"), "serviceId"),
                Arguments.of(
                        "id ending in a hyphen", (UnaryOperator<ServiceDefinition>) d -> withId(d, "m-"), "serviceId"),
                Arguments.of("blank name", (UnaryOperator<ServiceDefinition>) d -> rename(d, " "), "name"),
                Arguments.of("control character", (UnaryOperator<ServiceDefinition>) d -> rename(d, "a\nb"), "name"),
                Arguments.of(
                        "duration off the granule",
                        (UnaryOperator<ServiceDefinition>) d -> new ServiceDefinition(
                                d.serviceId(),
                                d.name(),
                                50,
                                d.priceMinor(),
                                d.currency(),
                                d.resourceId(),
                                d.timeZone(),
                                d.openingHours()),
                        "durationMinutes"),
                Arguments.of(
                        "price without currency",
                        (UnaryOperator<ServiceDefinition>) d -> new ServiceDefinition(
                                d.serviceId(),
                                d.name(),
                                60,
                                100L,
                                null,
                                d.resourceId(),
                                d.timeZone(),
                                d.openingHours()),
                        "currency"),
                Arguments.of(
                        "negative price",
                        (UnaryOperator<ServiceDefinition>) d -> new ServiceDefinition(
                                d.serviceId(),
                                d.name(),
                                60,
                                -1L,
                                "EUR",
                                d.resourceId(),
                                d.timeZone(),
                                d.openingHours()),
                        "priceMinor"),
                Arguments.of(
                        "fixed offset zone", (UnaryOperator<ServiceDefinition>) d -> zone(d, "+01:00"), "timeZone"),
                Arguments.of(
                        "unknown zone", (UnaryOperator<ServiceDefinition>) d -> zone(d, "Mars/Olympus"), "timeZone"),
                Arguments.of(
                        "unknown day",
                        (UnaryOperator<ServiceDefinition>)
                                d -> hours(d, Map.of("FUNDAY", List.of(new Interval("09:00", "10:00")))),
                        "openingHours.FUNDAY"),
                Arguments.of(
                        "closing before opening",
                        (UnaryOperator<ServiceDefinition>)
                                d -> hours(d, Map.of("MONDAY", List.of(new Interval("10:00", "09:00")))),
                        "openingHours.MONDAY"),
                Arguments.of(
                        "off the granule",
                        (UnaryOperator<ServiceDefinition>)
                                d -> hours(d, Map.of("MONDAY", List.of(new Interval("09:10", "10:00")))),
                        "openingHours.MONDAY"),
                Arguments.of(
                        "overlapping",
                        (UnaryOperator<ServiceDefinition>) d -> hours(
                                d,
                                Map.of(
                                        "MONDAY",
                                        List.of(new Interval("09:00", "12:00"), new Interval("11:00", "13:00")))),
                        "openingHours.MONDAY"),
                Arguments.of("no hours", (UnaryOperator<ServiceDefinition>) d -> hours(d, Map.of()), "openingHours"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void create_invalidDefinition_isRefusedNamingTheField(
            String variant, UnaryOperator<ServiceDefinition> change, String field) {
        assertThatThrownBy(() -> save.create(ADMIN, change.apply(massage()), CONTEXT))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                    assertThat(e.violations()).extracting(Violation::field).contains(field);
                });
        assertThat(catalog.services()).isEmpty();
        assertThat(audit.records()).isEmpty();
    }

    private ServiceDefinition with(UnaryOperator<ServiceDefinition> change) {
        return change.apply(massage());
    }

    private static ServiceDefinition rename(ServiceDefinition d, String name) {
        return new ServiceDefinition(
                d.serviceId(),
                name,
                d.durationMinutes(),
                d.priceMinor(),
                d.currency(),
                d.resourceId(),
                d.timeZone(),
                d.openingHours());
    }

    private static ServiceDefinition withId(ServiceDefinition d, String id) {
        return new ServiceDefinition(
                id,
                d.name(),
                d.durationMinutes(),
                d.priceMinor(),
                d.currency(),
                d.resourceId(),
                d.timeZone(),
                d.openingHours());
    }

    private static ServiceDefinition withoutId(ServiceDefinition d) {
        return withId(d, null);
    }

    private static ServiceDefinition zone(ServiceDefinition d, String zone) {
        return new ServiceDefinition(
                d.serviceId(),
                d.name(),
                d.durationMinutes(),
                d.priceMinor(),
                d.currency(),
                d.resourceId(),
                zone,
                d.openingHours());
    }

    private static ServiceDefinition hours(ServiceDefinition d, Map<String, List<Interval>> hours) {
        return new ServiceDefinition(
                d.serviceId(),
                d.name(),
                d.durationMinutes(),
                d.priceMinor(),
                d.currency(),
                d.resourceId(),
                d.timeZone(),
                hours);
    }
}
