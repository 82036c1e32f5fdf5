package dev.ddbstreams.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's Markdown files: everything but build output, Git's folder and hidden folders. */
public final class DocsFiles {

    private DocsFiles() {
    }

    /** The repository root: the nearest folder up from {@code start} holding the {@code workshop} launcher. */
    public static Path root(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("workshop")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no workshop repository at or above " + start.toAbsolutePath());
    }

    /** Every Markdown file under {@code root}, sorted, as paths relative to it. */
    public static List<Path> all(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .map(root::relativize)
                    .filter(DocsFiles::isSource)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static boolean isSource(Path relative) {
        for (Path part : relative.getParent() == null ? List.<Path>of() : relative.getParent()) {
            String name = part.toString();
            if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
                return false;
            }
        }
        return true;
    }
}
