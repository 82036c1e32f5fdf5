package dev.ddbstreams.data.load;

/** DynamoDB kept returning some items of a batch as unprocessed, through every allowed retry. */
public final class UnprocessedItemsException extends RuntimeException {

    private final int unprocessedItems;

    UnprocessedItemsException(String tableName, int unprocessedItems, int batchSize, int attempts) {
        super("BatchWriteItem on table '" + tableName + "' still left " + unprocessedItems + " of " + batchSize
                + " items unprocessed after " + attempts + " attempts; the table is probably throttled:"
                + " raise its capacity or load more slowly");
        this.unprocessedItems = unprocessedItems;
    }

    public int unprocessedItems() {
        return unprocessedItems;
    }
}
