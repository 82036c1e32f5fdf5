package dev.ddbstreams.data.load;

import dev.ddbstreams.data.DataSet;
import java.io.IOException;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads with one PutItem per row, as the seed lab's {@code load_logfile.py} does: the baseline the
 * benchmark compares {@link BatchWriteLoader} with. Throttling is left to the SDK's own retries.
 */
public final class PutItemLoader implements TableLoader {

    private final DynamoDbClient dynamoDb;

    public PutItemLoader(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public LoadResult load(Path file, DataSet dataSet, String tableName, LoadProgressListener progress)
            throws IOException {
        return new CsvLoadRun(file, dataSet, tableName, new PutItemWriter(dynamoDb, tableName), progress).run();
    }
}
