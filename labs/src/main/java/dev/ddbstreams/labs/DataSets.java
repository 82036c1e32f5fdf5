package dev.ddbstreams.labs;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.load.BatchWriteLoader;
import dev.ddbstreams.data.load.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Loads a committed data set from {@code data/} into its table, as labs start. */
public final class DataSets {

    private DataSets() {
    }

    public static LoadResult load(DynamoDbClient dynamoDb, DataSet dataSet) throws IOException {
        return new BatchWriteLoader(dynamoDb).load(Path.of("data", dataSet.fileName()), dataSet);
    }
}
