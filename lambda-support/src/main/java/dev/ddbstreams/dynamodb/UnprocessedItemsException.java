package dev.ddbstreams.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB kept returning some requests of a BatchWriteItem call as unprocessed, through every
 * allowed retry. The requests it still holds were not applied; every other request of the batch was.
 */
public final class UnprocessedItemsException extends RuntimeException {

    private final transient List<WriteRequest> unprocessed;
    private final int calls;

    UnprocessedItemsException(String tableName, List<WriteRequest> unprocessed, int batchSize, int calls) {
        super("BatchWriteItem on table '" + tableName + "' still left " + unprocessed.size() + " of " + batchSize
                + " items unprocessed after " + calls + " attempts; the table is probably throttled:"
                + " raise its capacity or write more slowly");
        this.unprocessed = List.copyOf(unprocessed);
        this.calls = calls;
    }

    public int unprocessedItems() {
        return unprocessed.size();
    }

    /** The write requests that were never applied, as DynamoDB returned them. */
    public List<WriteRequest> unprocessed() {
        return unprocessed;
    }

    /** BatchWriteItem calls made before giving up. */
    public int calls() {
        return calls;
    }
}
