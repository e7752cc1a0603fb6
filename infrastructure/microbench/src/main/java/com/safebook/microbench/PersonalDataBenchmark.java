package com.safebook.microbench;

import com.safebook.aws.config.Settings;
import com.safebook.aws.crypto.BlindIndex;
import com.safebook.aws.crypto.DynamoDbKeyTable;
import com.safebook.aws.crypto.FieldLocation;
import com.safebook.aws.crypto.KmsSubjectKeyring;
import com.safebook.aws.crypto.PersonalDataCipher;
import com.safebook.aws.crypto.SubjectKey;
import com.safebook.aws.testing.CountingSecurityMetrics;
import com.safebook.aws.testing.InMemoryKeyService;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.core.booking.RetentionPolicy;
import com.safebook.core.consent.ConsentRetention;
import com.safebook.core.security.SecureIds;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The personal data of one booking on its way into and out of the bookings table: its four fields
 * sealed and opened with {@link PersonalDataCipher} under the customer's data key, the blind index of
 * the email address, and identifying a customer whose key is cached (a warm function's returning
 * customer). The keys are throwaway: an in-memory key service instead of KMS, and the key table in
 * DynamoDB Local, which only the setup reads and writes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "-Dlog4j2.configurationFile=classpath:log4j2-benchmarks.xml")
public class PersonalDataBenchmark {
    private static final String PK = "BOOKING#" + "01jq3v9k7m2x8c4t5n6p0r1s2w";
    // Where the bookings table keeps each field: each ciphertext is bound to its place.
    private static final FieldLocation NAME = new FieldLocation("bookings", PK, "BOOKING", "customerName");
    private static final FieldLocation EMAIL = new FieldLocation("bookings", PK, "BOOKING", "customerEmail");
    private static final FieldLocation PHONE = new FieldLocation("bookings", PK, "BOOKING", "customerPhone");
    private static final FieldLocation NOTES = new FieldLocation("bookings", PK, "BOOKING", "notes");

    PersonalDataCipher cipher;
    BlindIndex blindIndex;
    KmsSubjectKeyring keyring;
    SubjectKey subject;
    Sealed sealed;

    /** A booking's personal fields as the bookings table stores them. */
    public record Sealed(byte[] name, byte[] email, byte[] phone, byte[] notes) {}

    /** The same fields opened again. */
    public record Opened(String name, String email, String phone, String notes) {}

    @Setup
    public void createKeys() {
        var dynamoDb = LocalDynamoDb.client();
        var clock = Clock.systemUTC();
        var settings = settings(LocalDynamoDb.createTables("bench").get("keys"));
        var keyService = new InMemoryKeyService();
        var keyTable = new DynamoDbKeyTable(dynamoDb, settings, clock);
        var ids = new SecureIds();
        blindIndex = new BlindIndex(keyTable, keyService, clock);
        keyring = new KmsSubjectKeyring(keyTable, keyService, blindIndex, ids, settings, clock);
        subject = keyring.identify(Practice.customerEmail());
        cipher = new PersonalDataCipher(ids, new CountingSecurityMetrics());
        sealed = sealBooking();
    }

    @Benchmark
    public Sealed sealBooking() {
        return new Sealed(
                cipher.encrypt(subject, NAME, Practice.customerName()),
                cipher.encrypt(subject, EMAIL, Practice.customerEmail()),
                cipher.encrypt(subject, PHONE, Practice.customerPhone()),
                cipher.encrypt(subject, NOTES, Practice.notes()));
    }

    @Benchmark
    public Opened openBooking() {
        return new Opened(
                cipher.decrypt(subject, NAME, sealed.name()),
                cipher.decrypt(subject, EMAIL, sealed.email()),
                cipher.decrypt(subject, PHONE, sealed.phone()),
                cipher.decrypt(subject, NOTES, sealed.notes()));
    }

    @Benchmark
    public String blindIndexOfEmail() {
        return blindIndex.of(Practice.customerEmail());
    }

    /** The blind index, then two cache hits: no DynamoDB and no KMS call. */
    @Benchmark
    public SubjectKey identifyCachedCustomer() {
        return keyring.identify(Practice.customerEmail());
    }

    /** A key cache that outlives any run, so that no iteration reads the key table again. */
    private static Settings settings(String keysTable) {
        return new Settings(
                "us-east-1",
                LocalDynamoDb.endpoint(),
                "unused-bookings",
                "unused-audit",
                keysTable,
                "alias/throwaway",
                new Settings.SubjectKeyCache(1000, Duration.ofDays(1)),
                RetentionPolicy.defaults(),
                ConsentRetention.ofYears(3));
    }
}
