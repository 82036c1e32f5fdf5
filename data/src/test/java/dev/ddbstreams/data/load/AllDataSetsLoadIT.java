package dev.ddbstreams.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every committed data set loads whole into its own table, with both loaders. */
@ExtendWith(DynamoDbLocalExtension.class)
class AllDataSetsLoadIT {

    @ParameterizedTest
    @EnumSource(DataSet.class)
    void batchWriteLoader_whenCommittedFileIsLoaded_writesEveryRow(DataSet dataSet, DynamoDbClient dynamoDb)
            throws IOException {
        Tables.create(dynamoDb, dataSet, dataSet.tableName());

        LoadResult result = new BatchWriteLoader(dynamoDb).load(Path.of(dataSet.fileName()), dataSet);

        assertThat(result.rejectedRows()).isEmpty();
        assertThat(result.rowsLoaded()).isEqualTo(result.rowsRead());
        assertThat(Tables.scanAll(dynamoDb, dataSet.tableName())).hasSize((int) result.rowsRead());
    }

    @ParameterizedTest
    @EnumSource(DataSet.class)
    void putItemLoader_whenCommittedFileIsLoaded_writesEveryRowOneRequestEach(DataSet dataSet,
            DynamoDbClient dynamoDb) throws IOException {
        String tableName = dataSet.tableName() + "_put";
        Tables.create(dynamoDb, dataSet, tableName);

        LoadResult result = new PutItemLoader(dynamoDb)
                .load(Path.of(dataSet.fileName()), dataSet, tableName, LoadProgressListener.NONE);

        assertThat(result.rejectedRows()).isEmpty();
        assertThat(result.requestsSent()).isEqualTo(result.rowsRead());
        assertThat(Tables.scanAll(dynamoDb, tableName)).hasSize((int) result.rowsRead());
    }
}
