package dev.ddbstreams.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every committed data set loads whole into its own table. */
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

    /**
     * The baseline shares reading and converting with the batch loader, so a slice of the logfile
     * is enough (one PutItem per row is slow: that is the point of the benchmark).
     */
    @Test
    void putItemLoader_whenRowsAreLoaded_writesEveryRowOneRequestEach(DynamoDbClient dynamoDb, @TempDir Path folder)
            throws IOException {
        Path file = folder.resolve("logfile_slice.csv");
        List<String> lines = Files.readAllLines(Path.of(DataSet.LOGFILE.fileName()), StandardCharsets.UTF_8);
        Files.write(file, lines.subList(0, 300), StandardCharsets.UTF_8);
        Tables.create(dynamoDb, DataSet.LOGFILE, "logfile_put");

        LoadResult result = new PutItemLoader(dynamoDb)
                .load(file, DataSet.LOGFILE, "logfile_put", LoadProgressListener.NONE);

        assertThat(result.rejectedRows()).isEmpty();
        assertThat(result.rowsLoaded()).isEqualTo(300);
        assertThat(result.requestsSent()).isEqualTo(300);
        assertThat(Tables.scanAll(dynamoDb, "logfile_put")).hasSize(300);
    }
}
