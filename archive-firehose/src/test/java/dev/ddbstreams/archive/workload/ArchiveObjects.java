package dev.ddbstreams.archive.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.archive.ArchiveColumns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the archive as a folder that stands for its S3 bucket: every gzip object under
 * {@link ArchiveColumns#PREFIX_ROOT}, checked to be NDJSON (each object ends in {@code \n}, each
 * line a JSON object with an eventID). For the lab's checks, the tests and the benchmark.
 */
public final class ArchiveObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param objects gzip objects read
     * @param lines lines in them, duplicates included
     * @param eventIds the distinct eventIDs
     * @param oversized lines that stand for a change over the record limit (they carry oversizedBytes)
     * @param problems objects or lines that are not what the archive writes, each naming the object
     */
    public record Summary(int objects, long lines, Set<String> eventIds, long oversized, List<String> problems) {
    }

    private ArchiveObjects() {
    }

    /** The objects under the prefix, sorted by key; none if the folder does not exist yet. */
    public static List<Path> objects(Path bucket) {
        Path root = bucket.resolve(ArchiveColumns.PREFIX_ROOT);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Deletes every object under the prefix: objects of an earlier run would not match this run's stream. */
    public static void deleteAll(Path bucket) {
        Path root = bucket.resolve(ArchiveColumns.PREFIX_ROOT);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + root, e);
        }
    }

    /** Every line of every object, in key order, duplicates included. */
    public static List<String> lines(Path bucket) {
        List<String> lines = new ArrayList<>();
        for (Path object : objects(bucket)) {
            try {
                lines.addAll(List.of(gunzip(object).split("\n")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + object, e);
            }
        }
        return lines;
    }

    public static Summary read(Path bucket) {
        List<Path> objects = objects(bucket);
        long lines = 0;
        long oversized = 0;
        Set<String> eventIds = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path object : objects) {
            String text;
            try {
                text = gunzip(object);
            } catch (IOException e) {
                problems.add(bucket.relativize(object) + ": not gzip (" + e.getMessage() + ")");
                continue;
            }
            if (!text.endsWith("\n")) {
                problems.add(bucket.relativize(object) + ": does not end in a newline");
            }
            int lineNumber = 0;
            for (String line : text.split("\n")) {
                lineNumber++;
                lines++;
                try {
                    JsonNode node = JSON.readTree(line);
                    JsonNode eventId = node.get("eventID");
                    if (eventId == null || !eventId.isTextual()) {
                        problems.add(bucket.relativize(object) + ":" + lineNumber + ": no eventID");
                    } else {
                        eventIds.add(eventId.textValue());
                    }
                    oversized += node.has("oversizedBytes") ? 1 : 0;
                } catch (IOException e) {
                    problems.add(bucket.relativize(object) + ":" + lineNumber + ": not JSON (" + e.getMessage() + ")");
                }
            }
        }
        return new Summary(objects.size(), lines, Set.copyOf(eventIds), oversized, List.copyOf(problems));
    }

    private static String gunzip(Path object) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
