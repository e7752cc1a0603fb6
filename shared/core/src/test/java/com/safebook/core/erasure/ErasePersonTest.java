package com.safebook.core.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.availability.Schedule;
import com.safebook.core.booking.BookingAccess;
import com.safebook.core.booking.BookingStatus;
import com.safebook.core.booking.ManageToken;
import com.safebook.core.consent.ConsentChannel;
import com.safebook.core.consent.ConsentDecision;
import com.safebook.core.consent.ConsentRecord;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.fake.InMemoryAuditTrail;
import com.safebook.core.fake.InMemoryBookingRepository;
import com.safebook.core.fake.InMemoryConsentLedger;
import com.safebook.core.fake.InMemoryDataSubjects;
import com.safebook.core.fake.InMemoryPersonalData;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.security.SecureIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErasePersonTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private final SecureIds ids = new SecureIds();
    private final String subject = ids.id128();
    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryPersonalData data = new InMemoryPersonalData(audit);
    private final InMemoryConsentLedger consents = new InMemoryConsentLedger(audit);
    // The booking repository finds nothing: after the key is destroyed no booking can be read.
    private final BookingAccess access =
            new BookingAccess(new InMemoryBookingRepository(audit, new InMemoryDataSubjects()));
    private final ErasePerson erase = new ErasePerson(access, data, data, consents, clock, ids);
    private final RequestContext customer = new RequestContext(Actor.customer(subject), "req-1", "203.0.113.7", "test");
    private final String token = "token-of-the-future-booking-0000000000000000";

    ErasePersonTest() {
        data.addSubject(subject, "ada@example.com");
        book("past", NOW.minus(Duration.ofDays(3)), "other-token-hash", Optional.of("idem-1"));
        book("future", NOW.plus(Duration.ofDays(3)), ManageToken.hash(token), Optional.of("idem-2"));
        book("future-2", NOW.plus(Duration.ofDays(4)), "third-token-hash", Optional.empty());
        consents.append(consent(1), Optional.empty(), consentAudit());
    }

    @Test
    void erase_personWithBookingsAndConsents_destroysKeyRemovesEverythingAndCounts() {
        var receipt = erase.erase(subject, customer);

        assertThat(data.hasKey(subject)).isFalse();
        assertThat(data.itemsLeft(subject)).isZero();
        assertThat(consents.stored(subject)).isEmpty();
        assertThat(receipt.keyDestroyed()).isTrue();
        assertThat(receipt.repeated()).isFalse();
        assertThat(receipt.cancelledBookings()).isEqualTo(2);
        assertThat(receipt.removed())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ErasedItem.SUBJECT_KEY, 2,
                        ErasedItem.BOOKING, 3,
                        ErasedItem.MANAGE_TOKEN, 3,
                        ErasedItem.IDEMPOTENCY_RECORD, 2,
                        ErasedItem.SLOT_LOCK, 6,
                        ErasedItem.CONSENT_RECORD, 1));
        assertThat(audit.records().getLast()).satisfies(record -> {
            assertThat(record.eventName()).isEqualTo("ErasePersonalData");
            assertThat(record.userIdentity()).isEqualTo(Actor.customer(subject));
            assertThat(record.resources()).containsExactly(AuditResource.dataSubject(subject));
        });
    }

    @Test
    void erase_twice_answersTheSameReceiptAndAuditsOnce() {
        var first = erase.erase(subject, customer);
        var second = erase.erase(subject, customer);

        assertThat(second.repeated()).isTrue();
        assertThat(second).usingRecursiveComparison().ignoringFields("repeated").isEqualTo(first);
        assertThat(audit.records())
                .filteredOn(r -> r.eventName().equals("ErasePersonalData"))
                .hasSize(1);
    }

    /**
     * Step 0 is the key's destruction; every later step is a removal or the completion. Step 14,
     * counting the consent records the ledger deleted, is left out: a crash just before it loses
     * that count (the records are gone all the same), the one window the receipt can undercount.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15})
    void erase_crashAfterSomeSteps_retryFinishesWithTheReceiptOfAnUninterruptedRun(int steps) {
        var other = new ErasePersonTest();
        var uninterrupted = other.erase.erase(other.subject, other.customer);
        data.crashAfter(steps);

        assertThatThrownBy(() -> erase.erase(subject, customer)).hasMessage("simulated crash");
        if (steps > 0) {
            // The key went first: whatever is left can no longer be read.
            assertThat(data.hasKey(subject)).isFalse();
        }
        var retried = erase.erase(subject, customer);

        assertThat(data.itemsLeft(subject)).isZero();
        assertThat(consents.stored(subject)).isEmpty();
        assertThat(retried.removed()).isEqualTo(uninterrupted.removed());
        assertThat(retried.cancelledBookings()).isEqualTo(uninterrupted.cancelledBookings());
        assertThat(audit.records())
                .filteredOn(r -> r.eventName().equals("ErasePersonalData"))
                .hasSize(1);
    }

    @Test
    void byManageToken_afterCrashOnceKeyDestroyed_findsTheErasureByTheTokenAndFinishes() {
        data.crashAfter(1);
        assertThatThrownBy(() -> erase.erase(subject, customer)).hasMessage("simulated crash");

        var receipt = erase.byManageToken(token, new RequestContext(Actor.anonymous(), "r", "", ""));

        assertThat(receipt.keyDestroyed()).isTrue();
        assertThat(data.itemsLeft(subject)).isZero();
        assertThat(audit.records().getLast().userIdentity()).isEqualTo(Actor.customer(subject));
        assertThat(erase.byManageToken(token, customer).erasureId()).isEqualTo(receipt.erasureId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "unknown-token-unknown-token-unknown-token"})
    void byManageToken_unknownToken_notFound(String unknown) {
        assertThatThrownBy(() -> erase.byManageToken(unknown, customer))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(data.hasKey(subject)).isTrue();
    }

    @Test
    void byEmail_staffActor_erasesTheSubjectOfTheAddressAndNamesTheStaffInTheAudit() {
        var staff = new RequestContext(new Actor("StaffUser", "staff-sub-1", List.of("admin"), true), "r", "", "");

        var receipt = erase.byEmail("ada@example.com", staff);

        assertThat(receipt.keyDestroyed()).isTrue();
        assertThat(data.itemsLeft(subject)).isZero();
        assertThat(audit.records().getLast().userIdentity().principalId()).isEqualTo("staff-sub-1");
        assertThatThrownBy(() -> erase.byEmail("ada@example.com", staff))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    private void book(String id, Instant start, String tokenHash, Optional<String> idempotencyKeyId) {
        var end = start.plus(Duration.ofMinutes(30));
        data.addBooking(
                subject,
                new SubjectBooking(id, "room-1", start, end, BookingStatus.CONFIRMED, tokenHash, idempotencyKeyId),
                Schedule.granules(start, end));
    }

    private ConsentRecord consent(int sequence) {
        return new ConsentRecord(
                ids.uuid(),
                subject,
                "marketing-email",
                sequence,
                "2026-03-01",
                "0".repeat(64),
                ConsentDecision.GRANTED,
                NOW,
                ConsentChannel.MANAGE_LINK,
                Optional.empty());
    }

    private AuditRecord consentAudit() {
        return AuditRecord.success(NOW, ids.uuid(), "consents.safebook", "RecordConsent", false, customer, List.of());
    }
}
