package dev.ddbstreams.records;

import java.util.Optional;

/**
 * A change record that cannot be read as asked: malformed input, a missing image, a missing
 * attribute or an attribute of another type. The message names the record (eventID and
 * sequence number), the image and the attribute, for example
 * {@code record 7f3e (INSERT, seq 111): attribute 'region' in NewImage is N, expected S}.
 *
 * <p>The eventID and sequence number are also exposed, so a handler can report the failed
 * record in a partial batch response even when the record could not be parsed.
 */
public final class ChangeRecordException extends RuntimeException {

    private final String eventId;
    private final String sequenceNumber;

    ChangeRecordException(RecordRef record, String problem) {
        this(record, problem, null);
    }

    ChangeRecordException(RecordRef record, String problem, Throwable cause) {
        super(record.describe().isEmpty() ? problem : record.describe() + ": " + problem, cause);
        this.eventId = record.eventId();
        this.sequenceNumber = record.sequenceNumber();
    }

    /** The eventID of the record, when it was known. */
    public Optional<String> eventId() {
        return Optional.ofNullable(eventId);
    }

    /** The sequence number of the record as given, when it was known. */
    public Optional<String> sequenceNumber() {
        return Optional.ofNullable(sequenceNumber);
    }
}
