package dev.ddbstreams.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A run's work folder under {@code .workshop/}: function logs append, as a log group does, so each run starts empty. */
public final class WorkFolders {

    private WorkFolders() {
    }

    /** Deletes the folder and everything in it, if it exists. */
    public static void clear(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
