package dev.ddbstreams.localcloud.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local S3's storage: one folder per bucket under a root ({@code <workFolder>/s3/<bucket>}),
 * one file per object at {@code <bucket>/<key>}, so a key's slashes are folders. These are the
 * folders the local Firehose writes, so its archive can be listed and read through S3's API too.
 *
 * <p>Objects are written to {@code .uploads/} under the root and then moved into place, so a
 * reader never sees half an object. Metadata (content type, user metadata) is not kept. A key
 * that cannot be a file is refused: empty, ending in {@code /}, or with an empty, {@code .} or
 * {@code ..} segment.
 */
final class BucketFolders {

    /** What S3 allows (3 to 63 characters), plus capitals, which the local Firehose's folders use. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-_]{1,62}");
    private static final String UPLOADS = ".uploads";

    private final Path root;

    BucketFolders(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    static boolean isValidBucketName(String bucket) {
        return BUCKET_NAME.matcher(bucket).matches();
    }

    static boolean isValidKey(String key) {
        if (key.isEmpty() || key.endsWith("/")) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    List<Bucket> buckets() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory)
                    .filter(folder -> isValidBucketName(folder.getFileName().toString()))
                    .map(folder -> new Bucket(folder.getFileName().toString(), modified(folder)))
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String bucket) {
        return isValidBucketName(bucket) && Files.isDirectory(root.resolve(bucket));
    }

    /** @return false if it existed already */
    boolean create(String bucket) {
        try {
            Files.createDirectories(root);
            Files.createDirectory(root.resolve(bucket));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StoredObject put(String bucket, String key, byte[] content) {
        Path target = file(bucket, key);
        try {
            Path uploads = Files.createDirectories(root.resolve(UPLOADS));
            Path upload = Files.createTempFile(uploads, "object", ".part");
            Files.write(upload, content);
            Files.createDirectories(target.getParent());
            Files.move(upload, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new StoredObject(key, content.length, modified(target), etag(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<byte[]> read(String bucket, String key) {
        try {
            Path file = file(bucket, key);
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<StoredObject> describe(String bucket, String key) {
        return read(bucket, key).map(content -> new StoredObject(key, content.length, modified(file(bucket, key)),
                etag(content)));
    }

    /** Deletes the object and the folders it leaves empty (S3 has no folders to leave behind). */
    void delete(String bucket, String key) {
        Path bucketFolder = root.resolve(bucket);
        try {
            Path file = file(bucket, key);
            Files.deleteIfExists(file);
            for (Path folder = file.getParent(); !folder.equals(bucketFolder); folder = folder.getParent()) {
                try (Stream<Path> left = Files.list(folder)) {
                    if (left.findAny().isPresent()) {
                        break;
                    }
                }
                Files.delete(folder);
            }
        } catch (NoSuchFileException e) {
            // Deleting a key that is not there succeeds in S3 too.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key of the bucket, in S3's order (by the key's UTF-8 bytes). */
    List<String> keys(String bucket) {
        Path bucketFolder = root.resolve(bucket);
        try (Stream<Path> files = Files.walk(bucketFolder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> key(bucketFolder, file))
                    .sorted(BucketFolders::compareUtf8)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(Path bucketFolder, Path file) {
        StringBuilder key = new StringBuilder();
        for (Path part : bucketFolder.relativize(file)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    private Path file(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    private static Instant modified(Path path) {
        try {
            FileTime time = Files.getLastModifiedTime(path);
            return time.toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** S3's ETag of an object uploaded in one part: the MD5 of its bytes, in hex, quoted. */
    static String etag(byte[] content) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    record Bucket(String name, Instant created) {
    }

    record StoredObject(String key, long size, Instant lastModified, String etag) {
    }
}
