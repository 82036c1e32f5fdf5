package dev.ddbstreams.cli;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.load.BatchWriteLoader;
import dev.ddbstreams.data.load.LoadResult;
import dev.ddbstreams.data.load.RejectedRow;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** {@code ./workshop load}: the Java counterpart of the original AWS lab's {@code load_logfile.py}, for every data set. */
@Command(name = "load",
        description = {
            "Loads a CSV data set into a DynamoDB table with BatchWriteItem (25 items a request, "
                    + "unprocessed items retried with backoff).",
            "A malformed row is reported with its file, line and reason; every valid row is still loaded, "
                    + "and the exit status is 1.",
            "",
            "Examples:",
            "  ./workshop load logfile data/logfile_stream.csv --local",
            "  ./workshop load votes data/votes.csv --endpoint-url http://localhost:8000 --region us-east-1"})
final class LoadCommand extends WorkshopCommand {

    @Parameters(index = "0", paramLabel = "<table>",
            description = "Table to load: logfile, votes, GameScoreRecords or InvoiceTransactions, or any "
                    + "table when --format is given.")
    String tableName;

    @Parameters(index = "1", paramLabel = "<csv-file>", description = "CSV file in the data set's format (UTF-8).")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "logfile, votes, game-scores or invoices. Default: the format of <table>'s data set.")
    String format;

    @Option(names = "--local",
            description = "Start DynamoDB Local inside this command, create <table> with a stream, load it, then read "
                    + "the stream back through stream-records and summarise it. Nothing outlives the command.")
    boolean local;

    @Mixin
    EndpointOptions endpoint;

    @Override
    public Integer call() {
        DataSet dataSet = dataSet();
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "CSV file not found: " + file);
        }
        if (local && endpoint.isSet()) {
            throw new ParameterException(spec.commandLine(),
                    "--local starts its own DynamoDB Local: leave out --endpoint-url and --region");
        }
        PrintWriter out = spec.commandLine().getOut();
        LoadResult result;
        if (local) {
            try (LocalDynamoDb dynamoDbLocal = LocalDynamoDb.start()) {
                out.printf("Started DynamoDB Local at %s (in memory; it stops when this command ends)%n",
                        dynamoDbLocal.endpoint());
                DynamoDbClient dynamoDb = dynamoDbLocal.dynamoDbClient();
                dynamoDb.createTable(dataSet.createTableRequest().toBuilder().tableName(tableName)
                        .streamSpecification(s -> s.streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                        .build());
                out.printf("Created table %s (key %s) with a NEW_AND_OLD_IMAGES stream%n", tableName,
                        String.join(", ", dataSet.keyAttributeNames()));
                result = load(dynamoDb, dataSet);
                summariseStream(new StreamReader(dynamoDb, dynamoDbLocal.streamsClient()), out);
            }
        } else {
            try (DynamoDbClient dynamoDb = endpoint.dynamoDbClient()) {
                result = load(dynamoDb, dataSet);
            }
        }
        return result.rejectedRows().isEmpty() ? 0 : UserErrorHandler.FAILED;
    }

    private DataSet dataSet() {
        try {
            return format != null ? DataSet.forFormat(format) : DataSet.forTable(tableName);
        } catch (IllegalArgumentException unknown) {
            String hint = format != null ? "" : " (for another table, name its format with --format)";
            throw new ParameterException(spec.commandLine(), unknown.getMessage() + hint);
        }
    }

    private LoadResult load(DynamoDbClient dynamoDb, DataSet dataSet) {
        LoadResult result;
        try (ProgressLine progress = ProgressLine.onConsole(spec.commandLine().getErr(), "rows written")) {
            result = new BatchWriteLoader(dynamoDb).load(file, dataSet, tableName, progress);
        } catch (ResourceNotFoundException e) {
            throw new UserError("table " + tableName + " does not exist at this endpoint: create it first "
                    + "(or run with --local)", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        report(result);
        return result;
    }

    private void report(LoadResult result) {
        PrintWriter err = spec.commandLine().getErr();
        for (RejectedRow rejected : result.rejectedRows()) {
            err.println("rejected " + rejected);
        }
        spec.commandLine().getOut().printf(
                "Loaded %d of %d rows into %s in %.2f s (%,.0f rows/s): %d BatchWriteItem requests, "
                        + "%d unprocessed items retried%n",
                result.rowsLoaded(), result.rowsRead(), result.tableName(), result.elapsed().toNanos() / 1e9,
                result.rowsPerSecond(), result.requestsSent(), result.unprocessedItemRetries());
        if (!result.rejectedRows().isEmpty()) {
            err.printf("%d row(s) rejected (listed above); every other row was loaded%n",
                    result.rejectedRows().size());
        }
    }

    private void summariseStream(StreamReader reader, PrintWriter out) {
        String streamArn = reader.streamArnOf(tableName);
        List<ChangeRecord> records = reader.readStream(streamArn).stream()
                .map(record -> ChangeRecords.fromGetRecords(record, streamArn))
                .toList();
        Map<EventName, Long> byEvent = records.stream()
                .collect(Collectors.groupingBy(ChangeRecord::eventName, () -> new EnumMap<>(EventName.class),
                        Collectors.counting()));
        out.printf("Stream of %s: %d change records (%s), parsed by stream-records%n", tableName, records.size(),
                byEvent.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        if (!records.isEmpty()) {
            out.println("First: " + records.get(0));
        }
    }
}
