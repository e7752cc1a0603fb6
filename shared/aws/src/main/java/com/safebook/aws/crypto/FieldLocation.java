package com.safebook.aws.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where an encrypted value lives: the table (by its role, so that a restore under another name
 * still reads), the item's key and the attribute. With the subject and the key version it is the
 * ciphertext's additional authenticated data, so a value copied anywhere else does not decrypt.
 */
public record FieldLocation(String table, String partitionKey, String sortKey, String attribute) {

    byte[] associatedData(String subjectId, int keyVersion) {
        var out = new ByteArrayOutputStream(128);
        for (var part : new String[] {
            "safebook/personal-data/v1",
            table,
            partitionKey,
            sortKey,
            attribute,
            subjectId,
            Integer.toString(keyVersion)
        }) {
            var bytes = part.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed, so that no two different locations have the same encoding.
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
