package dev.ddbstreams.localcloud.destinations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;

/**
 * The local stand-in for SNS topics: each message published to a topic is appended, as the
 * notification a subscriber receives ("Amazon SNS message and JSON formats",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html), to
 * {@code <folder>/<topic>.jsonl}, one JSON object per line. There are no subscribers and no
 * signatures: the notification carries {@code Type}, {@code MessageId}, {@code TopicArn},
 * {@code Message} and {@code Timestamp}.
 */
public final class SnsTopicFolder {

    private final Path folder;

    public SnsTopicFolder(Path folder) {
        this.folder = folder;
    }

    /** @param topic the topic's local name: its logical id, or its name from the ARN */
    public Path fileFor(String topic) {
        return folder.resolve(topic.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }

    public synchronized void publish(String topic, String topicArn, String message, Instant timestamp) {
        ObjectNode notification = JsonNodeFactory.instance.objectNode();
        notification.put("Type", "Notification");
        notification.put("MessageId", UUID.randomUUID().toString());
        notification.put("TopicArn", topicArn);
        notification.put("Message", message);
        notification.put("Timestamp", InvocationRecord.MILLISECONDS.format(timestamp));
        try {
            Files.createDirectories(folder);
            Files.writeString(fileFor(topic), notification + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish to " + topicArn, e);
        }
    }
}
