package dev.ddbstreams.basics;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.load.BatchWriteLoader;
import dev.ddbstreams.data.load.LoadResult;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.Image;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The seed's "Java and DynamoDB" lab with the AWS SDK for Java v2: create a table, load data,
 * create, read, update and delete an item, query, then read the table's stream. Each step is one
 * method that prints what it did; lab 05-java-dynamodb-basics walks through them.
 */
public record DynamoDbBasics(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, PrintWriter out) {

    /** The seed's invoice table: partition key InvoiceID, sort key BillID. */
    public static final String TABLE = DataSet.INVOICES.tableName();

    static final Map<String, AttributeValue> KEY = Map.of(
            "InvoiceID", AttributeValue.fromS("I#9001"),
            "BillID", AttributeValue.fromS("B#9001"));

    /** Every step in order, on the invoices CSV. */
    public void run(Path invoicesCsv) throws IOException {
        createTable();
        load(invoicesCsv);
        String streamArn = enableStream();
        createItem();
        readItem();
        updateItem();
        payMoreThanTheBalance();
        deleteItem();
        query("I#1590");
        readStream(streamArn);
    }

    /** Step 1: the table, on demand, and wait until it is ACTIVE. */
    public TableDescription createTable() {
        dynamoDb.createTable(DataSet.INVOICES.createTableRequest());
        TableDescription table = dynamoDb.waiter()
                .waitUntilTableExists(b -> b.tableName(TABLE))
                .matched().response().orElseThrow().table();
        out.printf("Step 1: created table %s, key %s, status %s%n", table.tableName(),
                table.keySchema().stream().map(k -> k.attributeName() + " " + k.keyTypeAsString())
                        .collect(Collectors.joining(", ")),
                table.tableStatusAsString());
        return table;
    }

    /** Step 2: the CSV through the workshop's loader (BatchWriteItem, 25 items a request). */
    public LoadResult load(Path invoicesCsv) throws IOException {
        LoadResult result = new BatchWriteLoader(dynamoDb).load(invoicesCsv, DataSet.INVOICES, TABLE, done -> { });
        out.printf("Step 2: loaded %d of %d rows from %s with %d BatchWriteItem requests%n",
                result.rowsLoaded(), result.rowsRead(), invoicesCsv, result.requestsSent());
        return result;
    }

    /** Step 3: switch the stream on; from now on every change to an item is a stream record. */
    public String enableStream() {
        dynamoDb.updateTable(b -> b.tableName(TABLE)
                .streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        String streamArn = dynamoDb.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        out.printf("Step 3: enabled a NEW_AND_OLD_IMAGES stream: %s%n", streamArn);
        return streamArn;
    }

    /** Step 4: create an item, only if no item has its key yet. */
    public void createItem() {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put("CustomerID", AttributeValue.fromS("C#137"));
        item.put("InvoiceStatus", AttributeValue.fromS("Open"));
        item.put("BillAmount", AttributeValue.fromN("1250"));
        item.put("BillBalance", AttributeValue.fromN("1250"));
        dynamoDb.putItem(b -> b.tableName(TABLE)
                .item(item)
                .conditionExpression("attribute_not_exists(InvoiceID)"));
        out.printf("Step 4: put %s/%s: BillBalance %s, InvoiceStatus %s%n", KEY.get("InvoiceID").s(),
                KEY.get("BillID").s(), item.get("BillBalance").n(), item.get("InvoiceStatus").s());
    }

    /** Step 5: read it back; a strongly consistent read sees the write that just returned. */
    public Map<String, AttributeValue> readItem() {
        Map<String, AttributeValue> item = get();
        out.printf("Step 5: get %s/%s: BillBalance %s, InvoiceStatus %s%n", KEY.get("InvoiceID").s(),
                KEY.get("BillID").s(), item.get("BillBalance").n(), item.get("InvoiceStatus").s());
        return item;
    }

    private Map<String, AttributeValue> get() {
        return dynamoDb.getItem(b -> b.tableName(TABLE)
                .key(KEY)
                .consistentRead(true)).item();
    }

    /** Step 6: pay 1000 of the bill: an update expression, guarded by a condition. */
    public Map<String, AttributeValue> updateItem() {
        Map<String, AttributeValue> updated = pay("1000").attributes();
        out.printf("Step 6: paid 1000: BillBalance is now %s%n", updated.get("BillBalance").n());
        return updated;
    }

    /** Step 7: pay more than the balance: the condition fails, and nothing is written. */
    public boolean payMoreThanTheBalance() {
        try {
            pay("500");
            return false;
        } catch (ConditionalCheckFailedException rejected) {
            out.printf("Step 7: paying 500 more was rejected (ConditionalCheckFailedException): "
                    + "BillBalance is still %s%n", get().get("BillBalance").n());
            return true;
        }
    }

    private UpdateItemResponse pay(String amount) {
        return dynamoDb.updateItem(b -> b.tableName(TABLE)
                .key(KEY)
                .updateExpression("SET BillBalance = BillBalance - :paid")
                .conditionExpression("BillBalance >= :paid")
                .expressionAttributeValues(Map.of(":paid", AttributeValue.fromN(amount)))
                .returnValues(ReturnValue.UPDATED_NEW));
    }

    /** Step 8: delete it, and get back what it held. */
    public Map<String, AttributeValue> deleteItem() {
        Map<String, AttributeValue> old = dynamoDb.deleteItem(b -> b.tableName(TABLE)
                .key(KEY)
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        out.printf("Step 8: deleted %s/%s (it held BillBalance %s)%n", KEY.get("InvoiceID").s(),
                KEY.get("BillID").s(), old.get("BillBalance").n());
        return old;
    }

    /** Step 9: every bill of one invoice: a query on the partition key, sorted by BillID. */
    public List<Map<String, AttributeValue>> query(String invoiceId) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(TABLE)
                .keyConditionExpression("InvoiceID = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(invoiceId))));
        out.printf("Step 9: query InvoiceID = %s: %d bills (%s)%n", invoiceId, response.count(),
                response.items().stream().map(item -> item.get("BillID").s()).collect(Collectors.joining(", ")));
        return response.items();
    }

    /** Step 10: every record in the stream, from the start of each shard, as typed ChangeRecords. */
    public List<ChangeRecord> readStream(String streamArn) {
        List<ChangeRecord> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                    .shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            // An open shard always hands back a next iterator. Stopping at the first empty page is
            // fine for records just written; a real consumer keeps polling, as Lambda's trigger does.
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
                page.records().forEach(record -> records.add(ChangeRecords.fromGetRecords(record, streamArn)));
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        out.printf("Step 10: the stream holds %d records:%n", records.size());
        for (ChangeRecord record : records) {
            out.printf("  %-6s %s/%s  old BillBalance %s, new BillBalance %s%n", record.eventName(),
                    record.keys().string("InvoiceID"), record.keys().string("BillID"),
                    balance(record.oldImage()), balance(record.newImage()));
        }
        return records;
    }

    private static String balance(Optional<Image> image) {
        return image.map(i -> i.number("BillBalance").toPlainString()).orElse("-");
    }
}
