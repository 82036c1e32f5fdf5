package dev.ddbstreams.labs.archive;

import dev.ddbstreams.archive.ArchiveColumns;
import dev.ddbstreams.archive.workload.ArchiveObjects;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL over the local archive with DuckDB (in memory, nothing installed): {@code archive_raw} is
 * every line of the gzip NDJSON objects under the bucket folder's {@code invoices/} prefix, read
 * with {@code read_ndjson} and the {@code dt=} folders as a partition column, as the Glue table of
 * the same name is on AWS; {@code archive} is one row per eventID ({@link ArchiveColumns}), the
 * view the README creates in Athena. So the same SQL runs here and on Athena.
 */
public final class ArchiveQuery implements AutoCloseable {

    /** A result, as text, ready to print. */
    public record Result(List<String> columns, List<List<String>> rows, List<Boolean> numeric, boolean truncated) {
    }

    private final Connection connection;

    private ArchiveQuery(Connection connection) {
        this.connection = connection;
    }

    /** Whether the folder holds an archived object yet: DuckDB refuses to open a glob that matches none. */
    public static boolean hasObjects(Path bucket) {
        return !ArchiveObjects.objects(bucket).isEmpty();
    }

    public static ArchiveQuery open(Path bucket) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        String glob = (bucket.toAbsolutePath().toString().replace('\\', '/') + "/" + ArchiveColumns.PREFIX_ROOT
                + "**/*.gz").replace("'", "''");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE VIEW archive_raw AS SELECT * FROM read_ndjson('" + glob + "', compression = 'gzip', "
                    + "hive_partitioning = true, hive_types = {'" + ArchiveColumns.PARTITION_KEY + "': 'VARCHAR'}, "
                    + "columns = " + ArchiveColumns.duckDbColumns() + ")");
            statement.execute("CREATE VIEW archive AS " + ArchiveColumns.distinctChangesQuery("archive_raw"));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new ArchiveQuery(connection);
    }

    /** @throws SQLException naming DuckDB's complaint if the SQL is not valid or fails */
    public Result run(String sql, int maxRows) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet results = statement.executeQuery(sql)) {
            ResultSetMetaData meta = results.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Boolean> numeric = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                numeric.add(isNumeric(meta.getColumnType(i)));
            }
            List<List<String>> rows = new ArrayList<>();
            boolean truncated = false;
            while (results.next()) {
                if (rows.size() == maxRows) {
                    truncated = true;
                    break;
                }
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = results.getObject(i);
                    row.add(value == null ? "NULL" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                }
                rows.add(row);
            }
            return new Result(columns, rows, numeric, truncated);
        }
    }

    /** The result as a table with a header, a rule, and numbers aligned right. */
    public static String render(Result result) {
        int[] widths = new int[result.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = result.columns().get(i).length();
            for (List<String> row : result.rows()) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, result.columns(), widths, result.numeric());
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths, result.numeric());
        result.rows().forEach(row -> line(out, row, widths, result.numeric()));
        out.append('(').append(result.rows().size()).append(result.rows().size() == 1 ? " row" : " rows")
                .append(result.truncated() ? ", more not shown: raise --max-rows" : "").append(")\n");
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, List<Boolean> numeric) {
        List<String> padded = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String format = "%" + (numeric.get(i) ? "" : "-") + widths[i] + "s";
            padded.add(String.format(format, cells.get(i)));
        }
        out.append(String.join("  ", padded).stripTrailing()).append('\n');
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
                    java.sql.Types.DECIMAL, java.sql.Types.NUMERIC, java.sql.Types.FLOAT, java.sql.Types.DOUBLE,
                    java.sql.Types.REAL -> true;
            default -> false;
        };
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
