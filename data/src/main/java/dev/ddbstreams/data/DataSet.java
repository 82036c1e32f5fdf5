package dev.ddbstreams.data;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** The workshop's data sets: which file, which format, which table, and how to create that table. */
public enum DataSet {

    LOGFILE("logfile_stream.csv", new LogfileFormat(), TableDefinitions::logfile),
    VOTES("votes.csv", new VoteFormat(), TableDefinitions::votes),
    GAME_SCORES("game_scores.csv", new GameScoreFormat(), TableDefinitions::gameScoreRecords),
    INVOICES("invoices.csv", new InvoiceFormat(), TableDefinitions::invoiceTransactions);

    private final String fileName;
    private final RowFormat format;
    private final CreateTableRequest table;

    DataSet(String fileName, RowFormat format, Supplier<CreateTableRequest> table) {
        this.fileName = fileName;
        this.format = format;
        this.table = table.get();
    }

    /** The table the seed labs load this data into, e.g. {@code GameScoreRecords}. */
    public String tableName() {
        return table.tableName();
    }

    /** The committed file's name in the {@code data/} folder, e.g. {@code logfile_stream.csv}. */
    public String fileName() {
        return fileName;
    }

    public RowFormat format() {
        return format;
    }

    /** The format's short name, e.g. {@code game-scores}. */
    public String formatName() {
        return format.name();
    }

    /**
     * A request that creates the table for local runs: key schema, attribute definitions, GSIs,
     * on-demand billing, no stream. Change the name or add a stream with {@code toBuilder()}.
     */
    public CreateTableRequest createTableRequest() {
        return table;
    }

    /** The table's key attributes, partition key first. */
    public List<String> keyAttributeNames() {
        return table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    }

    /** @throws IllegalArgumentException naming the known tables if none matches */
    public static DataSet forTable(String tableName) {
        return find(tableName, DataSet::tableName, "table");
    }

    /** @throws IllegalArgumentException naming the known formats if none matches */
    public static DataSet forFormat(String formatName) {
        return find(formatName, DataSet::formatName, "format");
    }

    private static DataSet find(String name, Function<DataSet, String> nameOf, String what) {
        return Arrays.stream(values())
                .filter(dataSet -> nameOf.apply(dataSet).equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + name + "'; known: "
                        + Arrays.stream(values()).map(nameOf).collect(Collectors.joining(", "))));
    }
}
