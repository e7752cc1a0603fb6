package com.safebook.core.audit.integrity;

import com.safebook.core.security.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signed seal over the audit records of the range {@code [from, to)}, as CloudTrail's digest
 * files: the records' hashes in (eventTime, eventID) order, and the previous digest's hash and
 * signature, so digests form a chain in which none can be removed, replaced or reordered unseen.
 *
 * <p>The signature is over the SHA-256 of {@link #signedText()}, which covers every field but the
 * signature itself. The first digest of a chain has empty previous-digest fields.
 *
 * @param digestId the range end, as an ISO-8601 instant (unique in a chain)
 * @param previousDigestSignature base64, as {@code signature}
 * @param signature base64 of the signature (DER ECDSA for {@code ECDSA_SHA_256})
 */
public record Digest(
        String digestId,
        Instant from,
        Instant to,
        List<DigestEntry> entries,
        String previousDigestId,
        String previousDigestHash,
        String previousDigestSignature,
        String signingKeyId,
        String signingAlgorithm,
        String signature) {

    public static final String FORMAT = "SafeBook-Audit-Digest-1";

    public Digest {
        Objects.requireNonNull(digestId);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        entries = List.copyOf(entries);
        previousDigestId = Objects.requireNonNullElse(previousDigestId, "");
        previousDigestHash = Objects.requireNonNullElse(previousDigestHash, "");
        previousDigestSignature = Objects.requireNonNullElse(previousDigestSignature, "");
        Objects.requireNonNull(signingKeyId);
        Objects.requireNonNull(signingAlgorithm);
        signature = Objects.requireNonNullElse(signature, "");
    }

    /** The first digest of a chain links to nothing. */
    public boolean isFirst() {
        return previousDigestHash.isEmpty();
    }

    /**
     * The text that is hashed and signed: one field per line, then one line per entry. Event ids
     * and hashes contain no line breaks (ids are generated, hashes are hex), so it is unambiguous.
     */
    public String signedText() {
        var text = new StringBuilder()
                .append(FORMAT)
                .append('\n')
                .append(digestId)
                .append('\n')
                .append(from)
                .append('\n')
                .append(to)
                .append('\n')
                .append(previousDigestId)
                .append('\n')
                .append(previousDigestHash)
                .append('\n')
                .append(previousDigestSignature)
                .append('\n')
                .append(signingKeyId)
                .append('\n')
                .append(signingAlgorithm)
                .append('\n')
                .append(entries.size())
                .append('\n');
        entries.forEach(
                e -> text.append(e.eventId()).append(' ').append(e.recordHash()).append('\n'));
        return text.toString();
    }

    /** The SHA-256 that is signed. */
    public byte[] signedHash() {
        return Digests.sha256(signedText().getBytes(StandardCharsets.UTF_8));
    }

    /** This digest's hash (hex) as the next digest records it: it covers the signature too. */
    public String hash() {
        return Digests.hex(Digests.sha256(signedText() + signature));
    }

    public Digest withSignature(String base64Signature) {
        return new Digest(
                digestId,
                from,
                to,
                entries,
                previousDigestId,
                previousDigestHash,
                previousDigestSignature,
                signingKeyId,
                signingAlgorithm,
                base64Signature);
    }
}
