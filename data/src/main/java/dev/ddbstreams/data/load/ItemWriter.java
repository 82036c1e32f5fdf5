package dev.ddbstreams.data.load;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writes items to one table, one load at a time; what a loader varies. */
interface ItemWriter {

    /** Writes the item now or buffers it for a later request. */
    void write(Map<String, AttributeValue> item);

    /** Writes whatever is still buffered (a writer that buffers nothing has nothing to do). */
    default void finish() {
    }

    /** Items accepted by {@link #write} but not yet written. */
    default int pendingItems() {
        return 0;
    }

    long itemsWritten();

    long requestsSent();

    default long unprocessedItemRetries() {
        return 0;
    }
}
