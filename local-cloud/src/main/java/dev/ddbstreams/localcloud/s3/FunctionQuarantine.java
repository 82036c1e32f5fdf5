package dev.ddbstreams.localcloud.s3;

import dev.ddbstreams.failures.QuarantineKeys;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one function's quarantined records are locally: the folder of the bucket its
 * {@code QUARANTINE_BUCKET} names ({@code <workFolder>/s3/<bucket>/}), under the folder its
 * {@code QUARANTINE_PREFIX} names (every template sets it to the function's logical id, the folder
 * its role may write; a multi-leader function files under a subfolder per peer); without one,
 * under the function's name or its logical id. Read from the files, so it counts what every
 * handler wrote, whichever process ran it.
 *
 * @param prefixes the key prefixes (each ending in {@code /}) the function's records can be under
 */
public record FunctionQuarantine(String functionName, String bucket, Path bucketFolder, List<String> prefixes) {

    /** The environment variable that names a function's quarantine bucket. */
    public static final String BUCKET_VARIABLE = "QUARANTINE_BUCKET";

    /** The environment variable that names the folder of the bucket a function's records go to. */
    public static final String PREFIX_VARIABLE = "QUARANTINE_PREFIX";

    public FunctionQuarantine {
        prefixes = List.copyOf(prefixes);
    }

    /** The function's quarantine, if its environment names a bucket. */
    public static Optional<FunctionQuarantine> of(FunctionDefinition function, Path s3Folder) {
        String bucket = function.environment().get(BUCKET_VARIABLE);
        if (bucket == null || bucket.isEmpty()) {
            return Optional.empty();
        }
        String prefix = function.environment().get(PREFIX_VARIABLE);
        List<String> prefixes = (prefix == null || prefix.isEmpty()
                ? Stream.of(function.functionName(), function.logicalId()).distinct() : Stream.of(prefix))
                .map(name -> name + "/").toList();
        return Optional.of(new FunctionQuarantine(function.functionName(), bucket, s3Folder.resolve(bucket), prefixes));
    }

    /** The keys of the function's quarantined records, in the order to redrive them ({@link QuarantineKeys}). */
    public List<String> keys() {
        return prefixes.stream().flatMap(this::keysUnder).sorted(QuarantineKeys.REDRIVE_ORDER).toList();
    }

    /** The prefix its records are under: the first that holds any, else the function's name. */
    public String prefix() {
        return prefixes.stream().filter(prefix -> Files.isDirectory(bucketFolder.resolve(prefix))).findFirst()
                .orElse(prefixes.get(0));
    }

    public int count() {
        return keys().size();
    }

    private Stream<String> keysUnder(String prefix) {
        Path folder = bucketFolder.resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(".json"))
                    .map(file -> bucketFolder.relativize(file).toString().replace('\\', '/')).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
