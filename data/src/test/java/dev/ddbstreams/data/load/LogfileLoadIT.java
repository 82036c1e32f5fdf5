package dev.ddbstreams.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The committed {@code logfile_stream.csv}, loaded once into {@code logfile} on DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class LogfileLoadIT {

    private static final Path FILE = Path.of(DataSet.LOGFILE.fileName());

    private static LoadResult result;
    private static List<Map<String, AttributeValue>> items;

    @BeforeAll
    static void loadTheLogfile(DynamoDbClient dynamoDb) throws IOException {
        Tables.create(dynamoDb, DataSet.LOGFILE, "logfile");
        result = new BatchWriteLoader(dynamoDb).load(FILE, DataSet.LOGFILE);
        items = Tables.scanAll(dynamoDb, "logfile");
    }

    @Test
    void load_whenLogfileIsLoaded_writesAll2000RowsIn80Requests() {
        assertThat(result.rowsRead()).isEqualTo(2_000);
        assertThat(result.rowsLoaded()).isEqualTo(2_000);
        assertThat(result.rejectedRows()).isEmpty();
        assertThat(result.requestsSent()).isEqualTo(80);
        assertThat(result.unprocessedItemRetries()).isZero();
        assertThat(items).hasSize(2_000);
    }

    @Test
    void load_whenLogfileIsLoaded_everyItemHasKeysAndNumbers() {
        assertThat(items).allSatisfy(item -> {
            String requestId = item.get("requestid").n();
            assertThat(item.get("PK").s()).isEqualTo("request#" + requestId);
            assertThat(item.get("GSI_1_PK").s()).isEqualTo("host#" + item.get("host").s());
            assertThat(requestId).matches("[0-9]+");
            assertThat(item.get("hourofday").n()).matches("[0-9]|1[0-9]|2[0-3]");
            assertThat(item.get("responsecode").n()).matches("[1-5][0-9][0-9]");
            assertThat(item.get("bytessent").n()).matches("[0-9]+");
        });
    }

    @Test
    void load_whenLogfileIsLoaded_writesHourOfDayAsAPlainNumber() throws IOException {
        String firstLineAt6 = Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(",06,GMT-0700,"))
                .findFirst()
                .orElseThrow();
        String requestId = firstLineAt6.substring(0, firstLineAt6.indexOf(','));

        assertThat(items).filteredOn(item -> item.get("requestid").n().equals(requestId)).singleElement()
                .satisfies(item -> assertThat(item.get("hourofday")).isEqualTo(AttributeValue.fromN("6")));
    }

    @Test
    void load_whenLogfileIsLoaded_marksExactlyThe500RowsWithResponseCode500() {
        assertThat(items).filteredOn(item -> item.get("responsecode").n().equals("500")).hasSize(500)
                .allSatisfy(item -> assertThat(item.get("servererror")).isEqualTo(AttributeValue.fromS("5xx")));
        assertThat(items).filteredOn(item -> !item.get("responsecode").n().equals("500"))
                .allSatisfy(item -> assertThat(item).doesNotContainKey("servererror"));
    }

    @Test
    void query_whenGsi1IsQueriedByHost_returnsThatHostsRequests(DynamoDbClient dynamoDb) {
        long expected = items.stream().filter(item -> item.get("host").s().equals("66.249.67.3")).count();

        List<Map<String, AttributeValue>> found = dynamoDb.queryPaginator(b -> b.tableName("logfile")
                        .indexName("GSI_1")
                        .keyConditionExpression("GSI_1_PK = :host")
                        .expressionAttributeValues(Map.of(":host", AttributeValue.fromS("host#66.249.67.3"))))
                .stream()
                .map(QueryResponse::items)
                .flatMap(List::stream)
                .toList();

        assertThat(expected).isGreaterThan(100);
        assertThat(found).hasSize((int) expected)
                .allSatisfy(item -> assertThat(item).containsKeys("PK", "requestid", "bytessent", "host")
                        .doesNotContainKey("useragent"));
    }
}
