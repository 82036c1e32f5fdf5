package dev.ddbstreams.cli;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.cli.bench.LocalLimit;
import dev.ddbstreams.data.load.BatchItemWriter;
import dev.ddbstreams.data.load.BatchWriteLoader;
import dev.ddbstreams.data.load.CsvItems;
import dev.ddbstreams.data.load.LoadProgressListener;
import dev.ddbstreams.data.load.LoadResult;
import dev.ddbstreams.data.load.PutItemLoader;
import dev.ddbstreams.data.load.TableLoader;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * {@code ./workshop bench loader}: the BatchWriteItem loader against one PutItem per row, on the
 * same file, the same DynamoDB Local and the same kind of table (with a stream, as in the labs),
 * and against the local limit: the same file's items sent as raw BatchWriteItem calls.
 */
@Command(name = "loader",
        description = "Loader speed: BatchWriteItem (25 items a request, several in flight) against one PutItem per row "
                + "and against the local limit, in one run on DynamoDB Local. Each round loads a fresh table; the "
                + "median round is reported.")
final class LoaderBenchCommand extends WorkshopCommand {

    @Option(names = "--file", paramLabel = "CSV", defaultValue = "data/logfile_stream.csv",
            description = "Data set file to load (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "logfile",
            description = "Its format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Measured rounds per loader, after one warm-up round each (default: ${DEFAULT-VALUE}).")
    int rounds;

    private record Contender(String name, Function<DynamoDbClient, TableLoader> loader) {
    }

    private record Round(LoadResult result, double seconds) {
    }

    @Override
    public Integer call() throws IOException {
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, was " + rounds);
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "CSV file not found: " + file);
        }
        DataSet dataSet;
        try {
            dataSet = DataSet.forFormat(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Contender> contenders = List.of(
                new Contender(String.format("BatchWriteItem, %d in flight", BatchItemWriter.defaultConcurrency()),
                        BatchWriteLoader::new),
                new Contender("PutItem, one per row (baseline)", PutItemLoader::new));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Loading %s (%s) into DynamoDB Local in this JVM, %d cores; 1 warm-up + %d rounds per loader%n",
                file, format, Runtime.getRuntime().availableProcessors(), rounds);
        LocalLimit limit = LocalLimit.measure(dataSet.createTableRequest(), CsvItems.read(file, dataSet), rounds);
        limit.print(out);

        List<List<Round>> results = new ArrayList<>();
        contenders.forEach(c -> results.add(new ArrayList<>()));
        // Alternate the loaders round by round so drift (JIT, GC, a busy machine) hits both alike.
        for (int round = 0; round <= rounds; round++) {
            for (int i = 0; i < contenders.size(); i++) {
                LoadResult result = loadIntoFreshInstance(contenders.get(i), dataSet);
                if (round > 0) {
                    results.get(i).add(new Round(result, result.elapsed().toNanos() / 1e9));
                }
            }
        }

        out.printf("%-36s %7s %9s %10s %10s%n", "loader", "rows", "requests", "median s", "rows/s");
        List<Round> medians = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            Round median = median(results.get(i));
            medians.add(median);
            out.printf("%-36s %7d %9d %10.3f %,10.0f%n", contenders.get(i).name(), median.result().rowsLoaded(),
                    median.result().requestsSent(), median.seconds(), median.result().rowsLoaded() / median.seconds());
        }
        Round batch = medians.get(0);
        Round baseline = medians.get(1);
        out.printf("BatchWriteItem: %.2fx the rows per second of PutItem, with %.1fx fewer requests%n",
                baseline.seconds() / batch.seconds(),
                (double) baseline.result().requestsSent() / batch.result().requestsSent());
        limit.printVersus(out, batch.result().rowsLoaded() / batch.seconds());
        return 0;
    }

    /**
     * DynamoDB Local writes more slowly with every table that has had a stream, even a deleted one,
     * so each load gets an instance of its own.
     */
    private LoadResult loadIntoFreshInstance(Contender contender, DataSet dataSet) throws IOException {
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            local.dynamoDbClient().createTable(dataSet.createTableRequest().toBuilder()
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .build());
            return contender.loader().apply(local.dynamoDbClient())
                    .load(file, dataSet, dataSet.tableName(), LoadProgressListener.NONE);
        }
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = rounds.stream().sorted(Comparator.comparingDouble(Round::seconds)).toList();
        return sorted.get(sorted.size() / 2);
    }
}
