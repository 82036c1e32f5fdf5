package dev.ddbstreams.labs.archive.planted;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ddbstreams.records.ChangeRecord;

/** Planted bug: a change too big for Firehose fails the invocation, every time Lambda retries it. */
public final class OversizedThrows extends PlantedBugArchiver {

    @Override
    protected byte[] oversized(DynamodbStreamRecord record, ChangeRecord change, byte[] line) {
        throw new IllegalArgumentException("change " + change.eventId() + " is " + line.length
                + " bytes as a line, over Firehose's record limit");
    }
}
