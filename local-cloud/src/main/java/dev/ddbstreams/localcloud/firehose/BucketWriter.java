package dev.ddbstreams.localcloud.firehose;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes objects into the folder that stands for the bucket, atomically: the bytes go to a
 * staging file first and are moved into place, so a reader never sees half an object (S3
 * never shows a partial PUT either). The on-failure S3 destination writes its objects here too.
 */
public final class BucketWriter {

    /** Staging folder at the bucket root; same file system, so the move can be atomic. Readers skip dot-folders. */
    static final String STAGING_FOLDER = ".firehose-staging";

    private BucketWriter() {
    }

    /** Writes {@code data} under {@code key}, compressed as asked, and returns the object's file. */
    public static Path write(Path bucket, String key, byte[] data, int length, ObjectCompression compression) throws IOException {
        Path target = bucket.resolve(key);
        Path staging = Files.createDirectories(bucket.resolve(STAGING_FOLDER));
        Path temp = Files.createTempFile(staging, "object-", ".tmp");
        try {
            try (OutputStream out = compression.wrap(Files.newOutputStream(temp))) {
                out.write(data, 0, length);
            }
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
