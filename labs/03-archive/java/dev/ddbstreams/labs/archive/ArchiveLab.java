package dev.ddbstreams.labs.archive;

import dev.ddbstreams.archive.workload.ArchiveObjects;
import dev.ddbstreams.archive.workload.InvoiceWorkload;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.load.LoadResult;
import dev.ddbstreams.labs.DataSets;
import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.firehose.FirehoseStats;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Lab 03: the invoice archive. Loads the 1,000 bills of {@code data/invoices.csv} into
 * {@code InvoiceTransactions}, records two payments on invoice I#1006 and deletes the cancelled
 * bills; once the trigger drained, delivers what the local Firehose buffered (as its interval would,
 * and before the run reads its cost, so the S3 PUTs count); then checks that
 * the archive holds every stream record, as gzip NDJSON, and that SQL answers over it.
 */
public final class ArchiveLab extends Lab {

    /** An open invoice of the data set: five bills, balance 2,073,222.60. */
    static final String INVOICE = "I#1006";
    /** Its bills paid in the lab, in order, with the invoice balance after each payment. */
    static final List<List<String>> PAYMENTS = List.of(List.of("B#5015", "1996603.00"), List.of("B#5008", "1068123.00"));
    static final List<String> BILLS = List.of("B#5008", "B#5010", "B#5012", "B#5013", "B#5015");

    public ArchiveLab() {
        super(new About("archive",
                "invoice archive: InvoiceTransactions -> Firehose -> S3 (gzip NDJSON), queried with SQL (archive-firehose/)",
                "archive-firehose/template.yaml"));
    }

    @Override
    public long exercise(LocalCloud cloud, LabOutput out) throws Exception {
        Path bucket = bucket(cloud);
        ArchiveObjects.deleteAll(bucket);
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        LoadResult load = DataSets.load(dynamoDb, DataSet.INVOICES);
        out.say("Loaded %d bills from data/%s into %s (%d BatchWriteItem requests)", load.rowsLoaded(),
                DataSet.INVOICES.fileName(), InvoiceWorkload.TABLE, load.requestsSent());
        for (List<String> payment : PAYMENTS) {
            for (String bill : BILLS) {
                boolean paid = bill.equals(payment.get(0));
                dynamoDb.updateItem(b -> b.tableName(InvoiceWorkload.TABLE).key(key(INVOICE, bill))
                        .updateExpression(paid ? "SET InvoiceBalance = :i, BillBalance = :zero" : "SET InvoiceBalance = :i")
                        .expressionAttributeValues(paid
                                ? Map.of(":i", AttributeValue.fromN(payment.get(1)), ":zero", AttributeValue.fromN("0.00"))
                                : Map.of(":i", AttributeValue.fromN(payment.get(1)))));
            }
        }
        out.say("Paid bills %s and %s of invoice %s: %d UpdateItem (its balance is on each of its %d bills)",
                PAYMENTS.get(0).get(0), PAYMENTS.get(1).get(0), INVOICE, PAYMENTS.size() * BILLS.size(), BILLS.size());
        List<Map<String, AttributeValue>> cancelled = dynamoDb.scanPaginator(b -> b.tableName(InvoiceWorkload.TABLE)
                .filterExpression("InvoiceStatus = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("Cancelled")))
                .projectionExpression("InvoiceID, BillID")).items().stream().toList();
        cancelled.forEach(item -> dynamoDb.deleteItem(b -> b.tableName(InvoiceWorkload.TABLE).key(item)));
        out.say("Deleted the %d cancelled bills: %d DeleteItem (the table forgets them, the archive keeps them)",
                cancelled.size(), cancelled.size());
        return load.rowsLoaded() + (long) PAYMENTS.size() * BILLS.size() + cancelled.size();
    }

    /** Delivers what the local Firehose buffered, as the 300 s interval would: the run's cost then counts the S3 PUTs. */
    @Override
    public void afterDrain(LocalCloud cloud, LabOutput out) {
        Path bucket = bucket(cloud);
        out.say("Objects in %s before the buffer interval (300 s) passed: %d", bucket, ArchiveObjects.objects(bucket).size());
        cloud.firehose().orElseThrow().client().flush();
        List<Path> objects = ArchiveObjects.objects(bucket);
        out.say("Flushed as the interval would: %d object(s), e.g. %s", objects.size(),
                objects.isEmpty() ? "none" : bucket.relativize(objects.get(0)).toString().replace('\\', '/'));
    }

    @Override
    public void check(LocalCloud cloud, LabOutput out) {
        Path bucket = bucket(cloud);
        FirehoseStats stats = cloud.firehose().orElseThrow().client().stats();
        List<Path> objects = ArchiveObjects.objects(bucket);
        out.say("Firehose: %d PutRecordBatch calls, %d records (%,d bytes), largest call %d records / %,d bytes, "
                        + "%d failed entries, %d throttled calls", stats.putRecordBatchCalls(), stats.recordsAccepted(),
                stats.bytesAccepted(), stats.largestCallRecords(), stats.largestCallBytes(), stats.recordsFailed(),
                stats.throttledCalls());

        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        Set<String> stream = new StreamReader(dynamoDb, cloud.dynamoDb().streamsClient()).readAll(InvoiceWorkload.TABLE)
                .stream().map(Record::eventID).collect(Collectors.toSet());
        ArchiveObjects.Summary archive = ArchiveObjects.read(bucket);
        out.check(archive.eventIds().equals(stream), "every stream record is in the archive",
                archive.eventIds().size() + " distinct eventIDs in " + archive.lines() + " lines, " + stream.size()
                        + " stream records");
        out.check(!objects.isEmpty() && archive.problems().isEmpty(),
                "every object is gzip NDJSON, one change per line, ending in a newline",
                archive.problems().isEmpty() ? objects.size() + " objects" : String.join("; ", archive.problems()));
        out.check(stats.largestCallRecords() <= 500 && stats.largestCallBytes() <= 4 * 1024 * 1024,
                "no PutRecordBatch call over 500 records or 4 MiB", "");
        try (ArchiveQuery query = ArchiveQuery.open(bucket)) {
            String changes = query.run("SELECT count(*) FROM archive", 1).rows().get(0).get(0);
            String balance = query.run("SELECT newImage.InvoiceBalance FROM archive WHERE keys.InvoiceID = '" + INVOICE
                    + "' AND keys.BillID = '" + BILLS.get(0) + "' ORDER BY CAST(sequenceNumber AS DECIMAL(38,0)) DESC", 1)
                    .rows().get(0).get(0);
            out.check(changes.equals(String.valueOf(stream.size())) && balance.equals(PAYMENTS.get(1).get(1)),
                    "SQL over the archive answers (./workshop query)", "SELECT count(*) FROM archive = " + changes
                            + "; latest InvoiceBalance of " + INVOICE + " = " + balance);
        } catch (SQLException e) {
            out.check(false, "SQL over the archive answers (./workshop query)", e.getMessage());
        }
    }

    private static Path bucket(LocalCloud cloud) {
        return cloud.deployments().get(0).bucketFolders().get(0);
    }

    private static Map<String, AttributeValue> key(String invoice, String bill) {
        return Map.of("InvoiceID", AttributeValue.fromS(invoice), "BillID", AttributeValue.fromS(bill));
    }
}
