package com.safebook.bench.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request from the runtime: the head first, then the body, so that a
 * {@code 100 Continue} can be sent in between. Bodies come with {@code Content-Length} or chunked.
 */
record RuntimeRequest(String method, String path, Map<String, String> headers) {
    private static final int MAX_LINE = 64 * 1024;

    /** The request line and headers, or null at the end of the stream. */
    static RuntimeRequest readHead(InputStream in) throws IOException {
        var line = line(in);
        if (line == null) {
            return null;
        }
        var parts = line.split(" ", 3);
        if (parts.length < 2) {
            throw new IOException("Not an HTTP request line");
        }
        var headers = new HashMap<String, String>();
        for (var header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            var colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(
                        header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).strip());
            }
        }
        var target = parts[1];
        var query = target.indexOf('?');
        return new RuntimeRequest(parts[0], query < 0 ? target : target.substring(0, query), headers);
    }

    /** A header by its name in any case, or null. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean expectsContinue() {
        return "100-continue".equalsIgnoreCase(header("expect"));
    }

    byte[] readBody(InputStream in) throws IOException {
        if ("chunked".equalsIgnoreCase(header("transfer-encoding"))) {
            var body = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(exactly(in, size));
                line(in); // the chunk's CRLF
            }
            for (var trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // Trailers carry nothing the emulator needs.
            }
            return body.toByteArray();
        }
        var length = header("content-length");
        return length == null ? new byte[0] : exactly(in, Integer.parseInt(length.strip()));
    }

    private static int chunkSize(InputStream in) throws IOException {
        var line = line(in);
        if (line == null) {
            throw new IOException("The chunked body ended early");
        }
        var extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        var bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("The body ended early");
        }
        return bytes;
    }

    /** A line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream(128);
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                var raw = bytes.toByteArray();
                return new String(raw, 0, raw.length - 1, StandardCharsets.ISO_8859_1);
            }
            if (bytes.size() >= MAX_LINE) {
                throw new IOException("A header line is too long");
            }
            bytes.write(b);
            previous = b;
        }
        if (bytes.size() > 0) {
            throw new IOException("The connection ended inside a line");
        }
        return null;
    }
}
