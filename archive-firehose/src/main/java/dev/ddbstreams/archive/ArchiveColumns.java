package dev.ddbstreams.archive;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The archive's table as SQL sees it, defined once for both engines: the Glue table in
 * template.yaml (Athena) and the local {@code archive} view of {@code ./workshop query} (DuckDB).
 * The names are the fields of {@link ArchiveLine}; the images are typed as invoice items
 * ({@code InvoiceTransactions}): fields a line has and the table does not are ignored by both
 * readers, and a missing field reads as NULL.
 */
public final class ArchiveColumns {

    /** Every object key starts with this (the delivery stream's Prefix); errors go elsewhere. */
    public static final String PREFIX_ROOT = "invoices/";
    /** The partition key in the prefix, {@code dt=yyyy-MM-dd} (the day Firehose received the record, UTC). */
    public static final String PARTITION_KEY = "dt";

    /** A column type, spelled for Glue (Hive DDL) and for DuckDB. */
    public record Type(String glue, String duckDb) {

        static final Type STRING = new Type("string", "VARCHAR");
        static final Type BOOLEAN = new Type("boolean", "BOOLEAN");
        static final Type BIGINT = new Type("bigint", "BIGINT");
        static final Type MONEY = new Type("decimal(38,2)", "DECIMAL(38,2)");

        static Type struct(List<Column> fields) {
            return new Type(
                    "struct<" + fields.stream().map(f -> f.name() + ":" + f.type().glue()).collect(Collectors.joining(",")) + ">",
                    "STRUCT(" + fields.stream().map(f -> f.name() + " " + f.type().duckDb()).collect(Collectors.joining(", ")) + ")");
        }
    }

    public record Column(String name, Type type) {
    }

    private static final List<Column> KEYS = List.of(
            new Column("InvoiceID", Type.STRING), new Column("BillID", Type.STRING));

    private static final List<Column> INVOICE = List.of(
            new Column("InvoiceID", Type.STRING), new Column("InvoiceDate", Type.STRING),
            new Column("InvoiceBalance", Type.MONEY), new Column("InvoiceStatus", Type.STRING),
            new Column("InvoiceDueDate", Type.STRING), new Column("BillID", Type.STRING),
            new Column("BillDueDate", Type.STRING), new Column("BillAmount", Type.MONEY),
            new Column("BillBalance", Type.MONEY), new Column("CustomerID", Type.STRING),
            new Column("CustomerName", Type.STRING), new Column("State", Type.STRING),
            // The table's TTL attribute: epoch seconds, a whole number (DynamoDB's TTL reads no other).
            new Column("ExpiresAt", Type.BIGINT));

    /** The columns of each line, in line order. */
    public static final List<Column> ALL = List.of(
            new Column("eventID", Type.STRING),
            new Column("eventName", Type.STRING),
            new Column("tableName", Type.STRING),
            new Column("awsRegion", Type.STRING),
            new Column("sequenceNumber", Type.STRING),
            new Column("approximateCreationTime", Type.STRING),
            new Column("ttlDelete", Type.BOOLEAN),
            new Column("keys", Type.struct(KEYS)),
            new Column("newImage", Type.struct(INVOICE)),
            new Column("oldImage", Type.struct(INVOICE)),
            new Column("oversizedBytes", Type.BIGINT));

    private ArchiveColumns() {
    }

    /**
     * The query behind the {@code archive} view: one row per eventID (a retried batch archives
     * some changes twice; every copy is the same line), the columns in order, then the partition.
     * Plain SQL that Athena (Trino) and DuckDB both run; {@code source} is the table of every line.
     */
    public static String distinctChangesQuery(String source) {
        String columns = ALL.stream().map(Column::name).collect(Collectors.joining(", "));
        return "SELECT " + columns + ", " + PARTITION_KEY + " FROM (SELECT *, row_number() OVER (PARTITION BY eventID)"
                + " AS copy_number FROM " + source + ") AS archived WHERE copy_number = 1";
    }

    /** The {@code columns} argument of DuckDB's {@code read_ndjson}: {@code {'eventID': 'VARCHAR', ...}}. */
    public static String duckDbColumns() {
        return ALL.stream().map(c -> "'" + c.name() + "': '" + c.type().duckDb() + "'")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
