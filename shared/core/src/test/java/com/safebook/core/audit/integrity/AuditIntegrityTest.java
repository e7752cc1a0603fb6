package com.safebook.core.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.safebook.core.audit.integrity.Finding.Kind;
import com.safebook.core.fake.InMemoryAuditSigner;
import com.safebook.core.fake.InMemoryAuditStore;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.security.Digests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditIntegrityTest {
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryAuditStore store = new InMemoryAuditStore();
    private final InMemoryAuditSigner signer = new InMemoryAuditSigner("key-1");
    private final SealAuditTrail seal = new SealAuditTrail(store, signer, clock);
    private final SignatureCheck signatures = new PublicKeySignatureCheck(signer.publicKey());

    @BeforeEach
    void threeSealedHours() {
        for (int hour = 0; hour < 3; hour++) {
            for (int i = 0; i < 4; i++) {
                store.add(record("e" + hour + i, START.plus(Duration.ofMinutes(hour * 60L + i * 10L + 1))));
            }
            clock.advance(Duration.ofHours(1));
            assertThat(seal.seal()).hasSize(1);
        }
    }

    @Test
    void verify_untouchedTrail_isValidWithoutFindings() {
        var result = verifyAll();

        assertThat(result.valid()).isTrue();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void seal_sealsEachRecordOnceInChainedRanges() {
        var digests = store.allDigests();

        assertThat(digests).hasSize(3);
        assertThat(digests.getFirst().from()).isEqualTo(START);
        assertThat(digests.get(1).from()).isEqualTo(digests.getFirst().to());
        assertThat(digests.get(1).previousDigestHash())
                .isEqualTo(digests.getFirst().hash());
        assertThat(digests.stream().flatMap(d -> d.entries().stream()).map(DigestEntry::eventId))
                .hasSize(12)
                .doesNotHaveDuplicates();
    }

    @Test
    void seal_leavesRecordsYoungerThanTheSettleTimeForLater() {
        clock.advance(Duration.ofMinutes(1));
        store.add(record("late", clock.instant().minusSeconds(10)));

        var sealed = seal.seal();

        assertThat(sealed.getFirst().to()).isEqualTo(clock.instant().minus(SealAuditTrail.DEFAULT_SETTLE));
        assertThat(sealed.getFirst().entries()).isEmpty();
        assertThat(verifyAll().findings())
                .extracting(Finding::kind, Finding::severity)
                .containsExactly(tuple(Kind.RECORDS_UNSEALED, Finding.Severity.INFO));
        assertThat(verifyAll().valid()).isTrue();
    }

    @Test
    void verify_oneFieldChanged_namesTheRecord() {
        store.replaceRecord(
                "e11",
                r -> new StoredRecord(
                        r.eventId(),
                        r.eventTime(),
                        r.canonical().replace("GetBooking", "ListServices"),
                        r.recordHash()));

        assertThat(verifyAll()).satisfies(result -> {
            assertThat(result.valid()).isFalse();
            assertThat(result.findings())
                    .extracting(Finding::kind, Finding::eventId)
                    .containsExactly(tuple(Kind.RECORD_MODIFIED, "e11"));
        });
    }

    @Test
    void verify_fieldChangedAndHashRecomputed_namesTheRecord() {
        store.replaceRecord("e11", r -> {
            var changed = r.canonical().replace("GetBooking", "ListServices");
            return new StoredRecord(r.eventId(), r.eventTime(), changed, Digests.hex(Digests.sha256(changed)));
        });

        assertThat(verifyAll().findings())
                .extracting(Finding::kind, Finding::eventId)
                .containsExactly(tuple(Kind.RECORD_MODIFIED, "e11"));
    }

    @Test
    void verify_recordDeleted_namesTheRecord() {
        store.deleteRecord("e02");

        assertThat(verifyAll().findings())
                .extracting(Finding::kind, Finding::eventId)
                .containsExactly(tuple(Kind.RECORD_DELETED, "e02"));
    }

    @Test
    void verify_forgedRecordInserted_namesTheRecord() {
        store.add(record("forged", START.plus(Duration.ofMinutes(65))));

        assertThat(verifyAll().findings())
                .extracting(Finding::kind, Finding::eventId)
                .containsExactly(tuple(Kind.RECORD_INSERTED, "forged"));
    }

    @Test
    void verify_twoRecordsSwapped_namesBoth() {
        store.swapRecords("e21", "e22");

        assertThat(verifyAll().findings())
                .extracting(Finding::kind, Finding::eventId)
                .containsExactly(tuple(Kind.RECORD_REORDERED, "e22"), tuple(Kind.RECORD_REORDERED, "e21"));
    }

    @Test
    void verify_digestReplacedWithoutTheKey_isForged() {
        var original = store.allDigests().get(1);
        var forger = new InMemoryAuditSigner("key-1");
        var forged = unsigned(original, List.of());
        store.replaceDigest(forged.withSignature(Base64.getEncoder().encodeToString(forger.sign(forged.signedHash()))));

        var findings = verifyAll().findings();

        assertThat(findings)
                .extracting(Finding::kind, Finding::digestId)
                .contains(tuple(Kind.DIGEST_FORGED, original.digestId()));
        assertThat(findings).extracting(Finding::kind).contains(Kind.RECORD_INSERTED);
    }

    @Test
    void verify_digestReplacedAndResignedWithTheKey_breaksTheNextLink() {
        var original = store.allDigests().get(1);
        var replacement = unsigned(original, original.entries().subList(1, 4));
        store.replaceDigest(
                replacement.withSignature(Base64.getEncoder().encodeToString(signer.sign(replacement.signedHash()))));

        var findings = verifyAll().findings();

        assertThat(findings)
                .extracting(Finding::kind, Finding::eventId, Finding::digestId)
                .containsExactlyInAnyOrder(
                        tuple(Kind.RECORD_INSERTED, "e10", original.digestId()),
                        tuple(Kind.DIGEST_REPLACED, null, original.digestId()));
    }

    @Test
    void verify_digestDeleted_reportsTheGap() {
        var middle = store.allDigests().get(1);
        store.deleteDigest(middle.digestId());

        var findings = verifyAll().findings();

        assertThat(findings)
                .extracting(Finding::kind, Finding::digestId)
                .containsExactly(tuple(Kind.DIGEST_MISSING, middle.digestId()));
    }

    @Test
    void verifyRange_lastDigestsDeleted_reportsMissingNotUnsealed() {
        var range = new VerifyAuditRange(store, signatures);
        var last = store.allDigests().getLast();
        store.deleteDigest(last.digestId());
        // The head moved back too: what the store still says is sealed is all a verifier can know,
        // so the loss of the newest digest shows as unsealed records, and a new seal would re-seal them.
        var result = range.verify(START, START.plus(Duration.ofHours(3)));

        assertThat(result.findings()).extracting(Finding::kind).containsExactly(Kind.RECORDS_UNSEALED);
    }

    @Test
    void verifyRange_middleOfTheChain_checksTheLinkToTheDigestBefore() {
        var range = new VerifyAuditRange(store, signatures);

        var result = range.verify(START.plus(Duration.ofMinutes(70)), START.plus(Duration.ofMinutes(80)));

        assertThat(result.valid()).isTrue();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void seal_manyParallelWritersAndSealers_everyRecordInExactlyOneDigest() throws Exception {
        // A function writes its record before it times out: the clock cannot pass the settle time
        // between taking a record's eventTime and committing it. The lock models exactly that.
        var inFlight = new ReentrantReadWriteLock();
        var written = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var tasks = new ArrayList<Future<?>>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        inFlight.readLock().lock();
                        try {
                            store.add(record("w" + writer + "-" + i, clock.instant()));
                            written.incrementAndGet();
                        } finally {
                            inFlight.readLock().unlock();
                        }
                    }
                }));
            }
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 400; i++) {
                    inFlight.writeLock().lock();
                    try {
                        clock.advance(Duration.ofSeconds(1));
                    } finally {
                        inFlight.writeLock().unlock();
                    }
                }
            }));
            for (int s = 0; s < 3; s++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        seal.seal();
                    }
                }));
            }
            for (var task : tasks) {
                task.get();
            }
        }
        clock.advance(Duration.ofMinutes(1));
        seal.seal();

        var sealed = store.allDigests().stream()
                .flatMap(d -> d.entries().stream())
                .map(DigestEntry::eventId)
                .toList();
        assertThat(sealed).doesNotHaveDuplicates().hasSize(12 + written.get());
        assertThat(verifyAll().valid()).isTrue();
    }

    private Verification verifyAll() {
        return VerifyAuditTrail.verify(
                store.allRecords(), store.allDigests(), Optional.empty(), Optional.empty(), signatures);
    }

    private static Digest unsigned(Digest original, List<DigestEntry> entries) {
        return new Digest(
                original.digestId(),
                original.from(),
                original.to(),
                entries,
                original.previousDigestId(),
                original.previousDigestHash(),
                original.previousDigestSignature(),
                original.signingKeyId(),
                original.signingAlgorithm(),
                "");
    }

    static StoredRecord record(String eventId, Instant time) {
        var canonical = "{\"eventID\":\"" + eventId + "\",\"eventName\":\"GetBooking\",\"eventTime\":\"" + time + "\"}";
        return new StoredRecord(eventId, time, canonical, Digests.hex(Digests.sha256(canonical)));
    }
}
