package dev.ddbstreams.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a code block marked {@code <!-- source: path -->} appears in that file line for line,
 * shifted by any indentation (a method shown without its class's indent still matches).
 */
final class SourceMatch {

    private SourceMatch() {
    }

    /** Why the block is not in the file, or empty when it is. {@code path} is relative to the root. */
    static Optional<String> problem(Path root, String path, List<String> block) {
        Path file = root.resolve(path).normalize();
        List<String> source;
        try {
            source = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.of("<!-- source: " + path + " -->: cannot read " + path);
        }
        List<String> wanted = block.stream().map(String::stripTrailing).toList();
        for (int start = 0; start + wanted.size() <= source.size(); start++) {
            if (matchesAt(source, start, wanted)) {
                return Optional.empty();
            }
        }
        String first = wanted.stream().filter(line -> !line.isBlank()).findFirst().orElse("");
        return Optional.of("block is not in " + path + " as shown (it starts with \"" + first.strip()
                + "\"): copy it again from the file");
    }

    private static boolean matchesAt(List<String> source, int start, List<String> wanted) {
        String indent = null;
        for (int k = 0; k < wanted.size(); k++) {
            String line = source.get(start + k).stripTrailing();
            String expected = wanted.get(k);
            if (expected.isEmpty()) {
                if (!line.isEmpty()) {
                    return false;
                }
                continue;
            }
            if (indent == null) {
                if (!line.endsWith(expected) || !line.substring(0, line.length() - expected.length()).isBlank()) {
                    return false;
                }
                indent = line.substring(0, line.length() - expected.length());
            } else if (!line.equals(indent + expected)) {
                return false;
            }
        }
        return true;
    }
}
