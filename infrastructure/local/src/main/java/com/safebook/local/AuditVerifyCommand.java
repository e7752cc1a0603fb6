package com.safebook.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.core.audit.integrity.Digest;
import com.safebook.core.audit.integrity.DigestEntry;
import com.safebook.core.audit.integrity.Finding;
import com.safebook.core.audit.integrity.PublicKeySignatureCheck;
import com.safebook.core.audit.integrity.StoredRecord;
import com.safebook.core.audit.integrity.Verification;
import com.safebook.core.audit.integrity.VerifyAuditTrail;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline verifier: checks an exported audit trail with nothing but the export and the public
 * key, as CloudTrail's {@code validate-logs} does. It reads exactly what the auditors' API answers:
 *
 * <ul>
 *   <li>{@code --records}: the answers of {@code GET /staff/audit} (one page, or a JSON array of
 *       every page), covering the digests' whole range;
 *   <li>{@code --digests}: the answer of {@code GET /staff/audit/digests};
 *   <li>{@code --public-key}: the answer of {@code GET /staff/audit/public-key}, or the PEM itself.
 * </ul>
 *
 * <p>Exit status 0 when the trail is valid, 1 with the findings when it is not, 2 on a usage error
 * (a missing flag, an unreadable or malformed file). It needs no network and no AWS credentials.
 */
public final class AuditVerifyCommand {
    static final String USAGE = """
            Usage: java -cp safebook-local.jar com.safebook.local.AuditVerifyCommand \\
                     --records records.json --digests digests.json --public-key key.pem
              --records FILE     GET /staff/audit answers (one page, or a JSON array of all pages)
              --digests FILE     the GET /staff/audit/digests answer
              --public-key FILE  the GET /staff/audit/public-key answer, or the PEM it holds
            Exit status: 0 valid, 1 invalid (the findings are printed), 2 usage error.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditVerifyCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; answers its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Verification result;
        try {
            var files = files(args);
            var records = records(JSON.readTree(read(files, "--records")));
            var digests = digests(JSON.readTree(read(files, "--digests")));
            var signatures = PublicKeySignatureCheck.fromPem(pem(read(files, "--public-key")));
            result = VerifyAuditTrail.verify(records, digests, Optional.empty(), Optional.empty(), signatures);
            out.printf("Checked %d record(s) against %d digest(s).%n", records.size(), digests.size());
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        for (var finding : result.findings()) {
            out.println(describe(finding));
        }
        out.println(result.valid() ? "VALID" : "INVALID");
        return result.valid() ? 0 : 1;
    }

    static String describe(Finding finding) {
        var text = new StringBuilder().append(finding.severity()).append(' ').append(finding.kind());
        if (finding.eventId() != null) {
            text.append(" eventID=").append(finding.eventId());
        }
        if (finding.digestId() != null) {
            text.append(" digest=").append(finding.digestId());
        }
        return text.append(": ").append(finding.detail()).toString();
    }

    private static Map<String, Path> files(String[] args) {
        var files = new HashMap<String, Path>();
        for (int i = 0; i < args.length; i++) {
            var flag = args[i];
            if (!List.of("--records", "--digests", "--public-key").contains(flag)) {
                throw new UsageException("Unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a file");
            }
            files.put(flag, Path.of(args[++i]));
        }
        for (var flag : List.of("--records", "--digests", "--public-key")) {
            if (!files.containsKey(flag)) {
                throw new UsageException(flag + " is required");
            }
        }
        return files;
    }

    private static String read(Map<String, Path> files, String flag) throws IOException {
        try {
            return Files.readString(files.get(flag), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("Cannot read " + flag + " " + files.get(flag), e);
        }
    }

    /** One page ({@code {"records":[...]}}) or an array of pages, in the order the API listed them. */
    private static List<StoredRecord> records(JsonNode json) {
        var pages = json.isArray() ? json : JSON.createArrayNode().add(json);
        var records = new ArrayList<StoredRecord>();
        for (var page : pages) {
            var list = page.path("records");
            if (!list.isArray()) {
                throw new UsageException("--records: not an answer of GET /staff/audit (no \"records\" array)");
            }
            for (var r : list) {
                records.add(new StoredRecord(
                        text(r, "eventId"),
                        Instant.parse(text(r, "eventTime")),
                        text(r, "record"),
                        text(r, "recordHash")));
            }
        }
        return records;
    }

    private static List<Digest> digests(JsonNode json) {
        var list = json.path("digests");
        if (!list.isArray()) {
            throw new UsageException("--digests: not an answer of GET /staff/audit/digests (no \"digests\" array)");
        }
        var digests = new ArrayList<Digest>();
        for (var d : list) {
            var entries = new ArrayList<DigestEntry>();
            for (var e : d.path("entries")) {
                entries.add(new DigestEntry(text(e, "eventId"), text(e, "recordHash")));
            }
            digests.add(new Digest(
                    text(d, "digestId"),
                    Instant.parse(text(d, "from")),
                    Instant.parse(text(d, "to")),
                    entries,
                    d.path("previousDigestId").asText(""),
                    d.path("previousDigestHash").asText(""),
                    d.path("previousDigestSignature").asText(""),
                    text(d, "signingKeyId"),
                    text(d, "signingAlgorithm"),
                    d.path("signature").asText("")));
        }
        return digests;
    }

    private static String pem(String text) throws IOException {
        var trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            var pem = JSON.readTree(trimmed).path("publicKeyPem");
            if (!pem.isTextual()) {
                throw new UsageException("--public-key: no \"publicKeyPem\" in the JSON");
            }
            return pem.asText();
        }
        return trimmed;
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        if (!value.isTextual()) {
            throw new UsageException("A record or digest has no text field \"" + field + "\"");
        }
        return value.asText();
    }

    /** Wrong flags or files: exit status 2. */
    private static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
