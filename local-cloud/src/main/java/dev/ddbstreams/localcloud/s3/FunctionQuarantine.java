package dev.ddbstreams.localcloud.s3;

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
 * {@code QUARANTINE_BUCKET} names ({@code <workFolder>/s3/<bucket>/}), under the function's name
 * (handlers that file under {@code AWS_LAMBDA_FUNCTION_NAME}) or its logical id (a handler whose
 * IAM policy names its folder before the function has a name, as the replica's does). Read from
 * the files, so it counts what every handler wrote, whichever process ran it.
 *
 * @param prefixes the key prefixes (each ending in {@code /}) the function's records can be under
 */
public record FunctionQuarantine(String functionName, String bucket, Path bucketFolder, List<String> prefixes) {

    /** The environment variable that names a function's quarantine bucket. */
    public static final String BUCKET_VARIABLE = "QUARANTINE_BUCKET";

    public FunctionQuarantine {
        prefixes = List.copyOf(prefixes);
    }

    /** The function's quarantine, if its environment names a bucket. */
    public static Optional<FunctionQuarantine> of(FunctionDefinition function, Path s3Folder) {
        String bucket = function.environment().get(BUCKET_VARIABLE);
        if (bucket == null || bucket.isEmpty()) {
            return Optional.empty();
        }
        List<String> prefixes = Stream.of(function.functionName(), function.logicalId()).distinct()
                .map(name -> name + "/").toList();
        return Optional.of(new FunctionQuarantine(function.functionName(), bucket, s3Folder.resolve(bucket), prefixes));
    }

    /** The keys of the function's quarantined records, sorted (oldest day first within a prefix). */
    public List<String> keys() {
        return prefixes.stream().flatMap(this::keysUnder).sorted().toList();
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
