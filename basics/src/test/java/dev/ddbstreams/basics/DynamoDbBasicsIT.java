package dev.ddbstreams.basics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.data.load.LoadResult;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.EventName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbBasicsIT {

    private static final Path INVOICES = Path.of("../data/invoices.csv");

    @Test
    void everyStep_doesWhatItPrints(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams) throws IOException {
        StringWriter printed = new StringWriter();
        DynamoDbBasics basics = new DynamoDbBasics(dynamoDb, streams, new PrintWriter(printed, true));

        assertThat(basics.createTable().tableStatus()).isEqualTo(TableStatus.ACTIVE);

        LoadResult loaded = basics.load(INVOICES);
        assertThat(loaded.rowsLoaded()).isEqualTo(1000);
        assertThat(loaded.rejectedRows()).isEmpty();
        assertThat(dynamoDb.scan(b -> b.tableName(DynamoDbBasics.TABLE).select("COUNT")).count()).isEqualTo(1000);

        String streamArn = basics.enableStream();
        assertThat(streamArn).contains(":table/InvoiceTransactions/stream/");

        basics.createItem();
        assertThat(basics.readItem()).containsEntry("BillBalance", AttributeValue.fromN("1250"))
                .containsEntry("InvoiceStatus", AttributeValue.fromS("Open"));
        assertThat(number(basics.updateItem(), "BillBalance")).isEqualByComparingTo("250");
        assertThat(basics.payMoreThanTheBalance()).isTrue();
        assertThat(number(basics.readItem(), "BillBalance")).isEqualByComparingTo("250");
        assertThat(number(basics.deleteItem(), "BillBalance")).isEqualByComparingTo("250");
        assertThat(dynamoDb.getItem(b -> b.tableName(DynamoDbBasics.TABLE).key(DynamoDbBasics.KEY)
                .consistentRead(true)).hasItem()).isFalse();

        assertThat(basics.query("I#1590")).extracting(item -> item.get("BillID").s())
                .containsExactly("B#6411", "B#6412", "B#6413", "B#6414", "B#6415", "B#6416");

        // Only the changes after the stream was enabled, and not the rejected update.
        List<ChangeRecord> records = basics.readStream(streamArn);
        assertThat(records).extracting(ChangeRecord::eventName)
                .containsExactly(EventName.INSERT, EventName.MODIFY, EventName.REMOVE);
        assertThat(records.get(1).requireOldImage().number("BillBalance")).isEqualByComparingTo("1250");
        assertThat(records.get(1).requireNewImage().number("BillBalance")).isEqualByComparingTo("250");
        assertThat(records.get(2).newImage()).isEmpty();
        assertThat(printed.toString()).contains("Step 10: the stream holds 3 records:");
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String name) {
        return new BigDecimal(item.get(name).n());
    }
}
