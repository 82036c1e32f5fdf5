package dev.ddbstreams.data.load;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.dynamodb.BatchWriteCall;
import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.dynamodb.UnprocessedItemsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads with BatchWriteItem, 25 items per request, several requests at a time, retrying
 * UnprocessedItems with exponential backoff and jitter (bounded: {@link UnprocessedItemsException}
 * if a batch never drains). Rows with different keys land in any order; a key that repeats still
 * ends with its last row (see {@link BatchItemWriter}).
 */
public final class BatchWriteLoader implements TableLoader {

    private final Supplier<BatchWriteSender> senders;
    private final int concurrency;

    /** Up to {@link BatchItemWriter#defaultConcurrency()} requests at a time, each writer with its own backoff jitter. */
    public BatchWriteLoader(DynamoDbClient dynamoDb) {
        this(dynamoDb::batchWriteItem, RetryBackoff::standard, BatchItemWriter.defaultConcurrency());
    }

    /**
     * @param backoffs a backoff per writer thread (a {@link RetryBackoff}'s generator is not thread-safe)
     * @param concurrency requests in flight at most; 1 sends them one at a time, in file order
     */
    public BatchWriteLoader(BatchWriteCall call, Supplier<RetryBackoff> backoffs, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.senders = () -> new BatchWriteSender(call, backoffs.get());
        this.concurrency = concurrency;
    }

    @Override
    public LoadResult load(Path file, DataSet dataSet, String tableName, LoadProgressListener progress)
            throws IOException {
        try (BatchItemWriter writer = new BatchItemWriter(senders, tableName, dataSet.keyAttributeNames(),
                concurrency)) {
            return new CsvLoadRun(file, dataSet, tableName, writer, progress).run();
        }
    }
}
