package dev.ddbstreams.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(DynamoDbLocalExtension.class)
class BrokenRowLoadIT {

    @TempDir
    Path folder;

    @Test
    void load_whenOneRowIsBroken_loadsEveryOtherRowAndReportsFileAndLine(DynamoDbClient dynamoDb)
            throws IOException {
        List<String> lines = new ArrayList<>(
                Files.readAllLines(Path.of(DataSet.LOGFILE.fileName()), StandardCharsets.UTF_8).subList(0, 40));
        // Line 11 starts a row whose quoted user agent spans three lines (11-13); line 14 is broken.
        lines.add(10, "900001,10.0.0.1,2009-07-21,06,GMT-0700,GET,/,200,10,\"Multi-line\nuser, agent\nend\"");
        lines.add(11, "900002,10.0.0.1,2009-07-21,06,GMT-0700,GET,/,abc,10,curl/7.19.5");
        Path file = folder.resolve("logfile_broken.csv");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Tables.create(dynamoDb, DataSet.LOGFILE, "logfile_broken");

        LoadResult result = new BatchWriteLoader(dynamoDb)
                .load(file, DataSet.LOGFILE, "logfile_broken", LoadProgressListener.NONE);

        assertThat(result.rejectedRows()).containsExactly(
                new RejectedRow(file, 14, "column 8 (responsecode): 'abc' is not a whole number"));
        assertThat(result.rowsRead()).isEqualTo(42);
        assertThat(result.rowsLoaded()).isEqualTo(41);
        List<Map<String, AttributeValue>> items = Tables.scanAll(dynamoDb, "logfile_broken");
        assertThat(items).hasSize(41);
        assertThat(items).filteredOn(item -> item.get("PK").s().equals("request#900001")).singleElement()
                .satisfies(item -> assertThat(item.get("useragent").s()).isEqualTo("Multi-line\nuser, agent\nend"));
    }

    @Test
    void load_whenKeyRepeatsWithinOneBatch_loadsAndTheLaterRowWins(DynamoDbClient dynamoDb) throws IOException {
        Path file = folder.resolve("duplicates.csv");
        Files.writeString(file, String.join("\n",
                "1,10.0.0.1,2009-07-21,06,GMT-0700,GET,/first,200,10,curl",
                "2,10.0.0.1,2009-07-21,06,GMT-0700,GET,/,200,10,curl",
                "1,10.0.0.1,2009-07-21,06,GMT-0700,GET,/second,500,10,curl") + "\n", StandardCharsets.UTF_8);
        Tables.create(dynamoDb, DataSet.LOGFILE, "logfile_duplicates");

        LoadResult result = new BatchWriteLoader(dynamoDb)
                .load(file, DataSet.LOGFILE, "logfile_duplicates", LoadProgressListener.NONE);

        assertThat(result.rowsLoaded()).isEqualTo(3);
        assertThat(result.requestsSent()).isEqualTo(2);
        assertThat(dynamoDb.getItem(b -> b.tableName("logfile_duplicates").consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("request#1")))).item())
                .containsEntry("url", AttributeValue.fromS("/second"))
                .containsEntry("servererror", AttributeValue.fromS("5xx"));
    }

    /** What the loader guards against: DynamoDB (Local too) refuses a batch holding one key twice. */
    @Test
    void batchWriteItem_whenKeyRepeatsInOneRequest_isRefusedByDynamoDb(DynamoDbClient dynamoDb) {
        Tables.create(dynamoDb, DataSet.VOTES, "votes_duplicates");
        WriteRequest put = WriteRequest.builder().putRequest(PutRequest.builder()
                .item(Map.of("id", AttributeValue.fromS("1"))).build()).build();

        assertThat(catchThrowableOfType(DynamoDbException.class,
                () -> dynamoDb.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of("votes_duplicates", List.of(put, put))).build())))
                .hasMessageContaining("Provided list of item keys contains duplicates");
    }
}
