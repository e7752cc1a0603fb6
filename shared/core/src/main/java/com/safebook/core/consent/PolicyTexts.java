package com.safebook.core.consent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The published policy texts, kept as resources under {@code policies/<purpose>/<version>.txt} next
 * to this class. A published text never changes: a change is a new version file, because the
 * ledger's hashes prove which text a person agreed to. The files are stored byte for byte (no line
 * ending conversion), so that {@code sha256sum} of a file gives its purpose's hash.
 */
public final class PolicyTexts {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private PolicyTexts() {}

    /** The text of a purpose's policy in one version, if it was published. */
    public static Optional<String> find(String purposeId, String version) {
        if (purposeId == null || version == null) {
            return Optional.empty();
        }
        if (!NAME.matcher(purposeId).matches()
                || !NAME.matcher(version).matches()
                || version.startsWith(".")
                || purposeId.startsWith(".")) {
            return Optional.empty();
        }
        try (var in = PolicyTexts.class.getResourceAsStream("policies/" + purposeId + "/" + version + ".txt")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("A policy text is not UTF-8: " + purposeId + "/" + version, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text, which the build ships; its absence is a packaging error. */
    static String require(String purposeId, String version) {
        return find(purposeId, version)
                .orElseThrow(() -> new IllegalStateException("No policy text " + purposeId + "/" + version));
    }
}
