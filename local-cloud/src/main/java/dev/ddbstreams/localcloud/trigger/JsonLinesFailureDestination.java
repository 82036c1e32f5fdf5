package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes on-failure records where a learner can read them: one JSON object per line in
 * {@code <folder>/<destination>.jsonl}, the destination being the last part of its ARN or its
 * logical id (an SQS queue's messages, in effect).
 */
public final class JsonLinesFailureDestination implements FailureDestination {

    private final Path folder;

    public JsonLinesFailureDestination(Path folder) {
        this.folder = folder;
    }

    public Path fileFor(String destination) {
        String name = destination.substring(destination.lastIndexOf(':') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return folder.resolve(name + ".jsonl");
    }

    @Override
    public synchronized void send(String destination, ObjectNode record) {
        try {
            Files.createDirectories(folder);
            Files.writeString(fileFor(destination), record.toString() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the on-failure record for " + destination, e);
        }
    }
}
