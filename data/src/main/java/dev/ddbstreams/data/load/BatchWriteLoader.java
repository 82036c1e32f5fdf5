package dev.ddbstreams.data.load;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.dynamodb.BatchWriteCall;
import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.dynamodb.UnprocessedItemsException;
import java.io.IOException;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads with BatchWriteItem, 25 items per request, retrying UnprocessedItems with exponential
 * backoff and jitter (bounded: {@link UnprocessedItemsException} if a batch never drains).
 * One thread, one request at a time, so the table sees the rows in file order.
 */
public final class BatchWriteLoader implements TableLoader {

    private final BatchWriteCall call;
    private final RetryBackoff backoff;

    public BatchWriteLoader(DynamoDbClient dynamoDb) {
        this(dynamoDb::batchWriteItem, RetryBackoff.standard());
    }

    public BatchWriteLoader(BatchWriteCall call, RetryBackoff backoff) {
        this.call = call;
        this.backoff = backoff;
    }

    @Override
    public LoadResult load(Path file, DataSet dataSet, String tableName, LoadProgressListener progress)
            throws IOException {
        BatchItemWriter writer = new BatchItemWriter(new BatchWriteSender(call, backoff), tableName,
                dataSet.keyAttributeNames());
        return new CsvLoadRun(file, dataSet, tableName, writer, progress).run();
    }
}
