package dev.ddbstreams.quarantine;

import dev.ddbstreams.failures.Failure;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read back from the quarantine: the record as Lambda delivered it, and why it is there.
 *
 * @param key the object's key in the quarantine bucket
 * @param record one element of the event's {@code Records}, exactly as Lambda sends it: its JSON text
 * @param violation {@code "<attribute>: <LIMIT>"} when a DynamoDB limit was the reason
 */
public record QuarantinedRecord(String key, String function, Instant quarantinedAt, Failure.Kind classification,
        String reason, Optional<String> violation, Source source, String record) {

    /** Where the record came from, by its {@code eventSource}. */
    public enum Source {
        DYNAMODB("aws:dynamodb"),
        KINESIS("aws:kinesis"),
        /**
         * Not a record: a tumbling window's increment of one aggregate item that DynamoDB refused
         * at commit (a sum past 38 digits, say), with the window it belongs to.
         */
        WINDOW_INCREMENT("ddbstreams:window-increment");

        private final String eventSource;

        Source(String eventSource) {
            this.eventSource = eventSource;
        }

        public String eventSource() {
            return eventSource;
        }

        static Source of(String eventSource) {
            for (Source source : values()) {
                if (source.eventSource.equals(eventSource)) {
                    return source;
                }
            }
            throw new IllegalArgumentException("not a quarantined record's eventSource: " + eventSource);
        }
    }

    /**
     * The ClientContext {@code custom} entry ({@code "redrive": "true"}) a redrive invokes a function
     * with, so that a handler that must not trust a quarantined record's old content (the replica's,
     * which resyncs the key from its source instead) tells a redrive from a stream delivery.
     */
    public static final String REDRIVE_CLIENT_CONTEXT = "redrive";

    public QuarantinedRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
    }

    /**
     * The event a handler receives, holding this record alone: {@code {"Records":[record]}}, a
     * {@code DynamodbEvent} or {@code KinesisEvent} for the Lambda runtime's deserialiser. A redrive
     * hands it to the handler once the cause is fixed.
     *
     * @throws IllegalStateException for a {@link Source#WINDOW_INCREMENT}, which is no record
     */
    public String eventJson() {
        if (source == Source.WINDOW_INCREMENT) {
            throw new IllegalStateException(key + " is a window's increment, not a record: no handler takes it as an event");
        }
        return QuarantineJson.eventJson(record);
    }
}
