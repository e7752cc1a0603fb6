package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.safebook.aws.config.Settings;
import com.safebook.aws.config.SharedModule;
import com.safebook.aws.testing.EncryptedStore;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditResource;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.audit.integrity.AuditStore;
import com.safebook.core.audit.integrity.Digest;
import com.safebook.core.audit.integrity.DigestEntry;
import com.safebook.core.audit.integrity.Finding;
import com.safebook.core.audit.integrity.PublicKeySignatureCheck;
import com.safebook.core.audit.integrity.SealAuditTrail;
import com.safebook.core.audit.integrity.VerifyAuditRange;
import com.safebook.core.fake.InMemoryAuditSigner;
import com.safebook.core.fake.MutableClock;
import com.safebook.core.security.SecureIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The audit store against DynamoDB Local: sealing, the conditional chain head, and raw tampering. */
class DynamoDbAuditStoreTest {
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    private final SecureIds ids = new SecureIds();
    private final MutableClock clock = new MutableClock(START);
    private final InMemoryAuditSigner signer = new InMemoryAuditSigner("key-1");
    private Map<String, String> tables;
    private DynamoDbAuditStore store;
    private DynamoDbAuditTrail trail;
    private SealAuditTrail seal;
    private VerifyAuditRange verify;

    @BeforeEach
    void tables() {
        tables = LocalDynamoDb.createTables("auditstore");
        var settings = EncryptedStore.settings(tables);
        store = new DynamoDbAuditStore(
                LocalDynamoDb.client(), settings, new Settings.AuditIntegrity(tables.get("auditDigests"), "key-1"));
        trail = new DynamoDbAuditTrail(
                LocalDynamoDb.client(), new AuditItems(new AuditRecordJson(SharedModule.objectMapper())), settings);
        seal = new SealAuditTrail(store, signer, clock);
        verify = new VerifyAuditRange(store, new PublicKeySignatureCheck(signer.publicKey()));
    }

    @Test
    void sealThenVerify_recordsOverSeveralHours_validAndEachSealedOnce() {
        var written = writeRecords(START.plusSeconds(5), 6, Duration.ofMinutes(25));
        clock.advance(Duration.ofHours(3));

        var digests = seal.seal();

        assertThat(digests).hasSize(1);
        assertThat(digests.getFirst().from()).isEqualTo(START);
        assertThat(digests.getFirst().entries())
                .extracting(DigestEntry::eventId)
                .containsExactlyElementsOf(written);
        assertThat(store.latestDigest()).contains(digests.getFirst());
        var result = verify.verify(START, clock.instant());
        assertThat(result.valid()).isTrue();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void records_rangeStartingWithinASecond_exactlyTheRecordsFromItsStartToItsEnd() {
        // Instant.toString() writes no fraction for a whole second, so "…:05Z" sorts after "…:05.5Z".
        var second = START.plusSeconds(5);
        writeRecords(second.minusMillis(1), 1, Duration.ZERO); // before the range
        var wholeSecond = writeRecords(second, 1, Duration.ZERO);
        var atFrom = writeRecords(second.plusMillis(250), 1, Duration.ZERO);
        var sameSecondBefore = writeRecords(second.plusMillis(100), 1, Duration.ZERO);
        var sameSecondAfter = writeRecords(second.plusNanos(500_000_001), 1, Duration.ZERO);
        var nextSecond = writeRecords(second.plusSeconds(1), 1, Duration.ZERO);
        var nextHour = writeRecords(START.plus(Duration.ofMinutes(61)), 1, Duration.ZERO);
        writeRecords(START.plus(Duration.ofMinutes(62)), 1, Duration.ZERO); // at its end, which is excluded

        var found = store.records(second.plusMillis(250), START.plus(Duration.ofMinutes(62)));

        assertThat(found)
                .extracting(r -> r.eventId())
                .containsExactlyInAnyOrder(
                        atFrom.getFirst(), sameSecondAfter.getFirst(), nextSecond.getFirst(), nextHour.getFirst());
        assertThat(store.records(second, second.plusSeconds(2)))
                .extracting(r -> r.eventId())
                .containsExactlyInAnyOrder(
                        wholeSecond.getFirst(),
                        sameSecondBefore.getFirst(),
                        atFrom.getFirst(),
                        sameSecondAfter.getFirst(),
                        nextSecond.getFirst());
    }

    @Test
    void verify_oneRecordChangedRawInTheTable_namesIt() {
        var written = writeRecords(START.plusSeconds(5), 4, Duration.ofMinutes(5));
        clock.advance(Duration.ofHours(1));
        seal.seal();
        var victim = written.get(2);
        var item = auditItem(victim);

        LocalDynamoDb.client().putItem(r -> r.tableName(tables.get("audit"))
                .item(withRecord(item, item.get("record").s().replace("GetBooking", "CancelBooking"))));

        assertThat(verify.verify(START, clock.instant()).findings())
                .extracting(Finding::kind, Finding::eventId)
                .containsExactly(tuple(Finding.Kind.RECORD_MODIFIED, victim));
    }

    @Test
    void append_headMovedMeanwhile_refusedSoTheChainCannotFork() {
        writeRecords(START.plusSeconds(5), 2, Duration.ofMinutes(1));
        clock.advance(Duration.ofHours(1));
        var first = seal.seal().getFirst();
        var rival = new Digest("x", first.from(), first.to(), List.of(), "", "", "", "key-1", "ECDSA_SHA_256", "sig");

        assertThatThrownBy(() -> store.append(rival, Optional.empty()))
                .isInstanceOf(AuditStore.ChainMovedException.class);
        assertThat(store.digestEndingAtOrBefore(first.to())).contains(first);
        assertThat(store.digests(START, clock.instant())).containsExactly(first);
    }

    @Test
    void seal_parallelWritersThenRacingSealers_everyRecordInExactlyOneDigest() throws Exception {
        var written = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var writers = new ArrayList<Future<List<String>>>();
            for (int w = 0; w < 4; w++) {
                var first = START.plus(Duration.ofMinutes(20L * w));
                writers.add(pool.submit(() -> writeRecords(first, 25, Duration.ofSeconds(7))));
            }
            for (var writer : writers) {
                written.addAll(writer.get());
            }
            // Four sealers at once, twice: the conditional head lets one win each range; the others
            // read the new head and seal what is left (here nothing).
            for (int round = 0; round < 2; round++) {
                clock.advance(Duration.ofMinutes(45));
                var sealers = new ArrayList<Future<List<Digest>>>();
                for (int s = 0; s < 4; s++) {
                    sealers.add(pool.submit(seal::seal));
                }
                for (var sealer : sealers) {
                    sealer.get();
                }
            }
        }

        var sealed = store.digests(START.minusSeconds(1), clock.instant()).stream()
                .flatMap(d -> d.entries().stream())
                .map(DigestEntry::eventId)
                .toList();
        assertThat(sealed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
        assertThat(verify.verify(START, clock.instant()).valid()).isTrue();
    }

    private List<String> writeRecords(Instant first, int count, Duration step) {
        var written = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            var eventId = ids.id128();
            var context = new RequestContext(Actor.anonymous(), "req-" + i, "192.0.2.1", "test");
            trail.record(AuditRecord.success(
                    first.plus(step.multipliedBy(i)),
                    eventId,
                    "booking",
                    "GetBooking",
                    true,
                    context,
                    List.of(AuditResource.booking("b" + i))));
            written.add(eventId);
        }
        return written;
    }

    private Map<String, AttributeValue> auditItem(String eventId) {
        return LocalDynamoDb.client().scan(r -> r.tableName(tables.get("audit"))).items().stream()
                .filter(i -> i.get("eventId").s().equals(eventId))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, AttributeValue> withRecord(Map<String, AttributeValue> item, String record) {
        var changed = new java.util.HashMap<>(item);
        changed.put("record", AttributeValue.fromS(record));
        return changed;
    }
}
