package dev.ddbstreams.localcloud.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a snapshot as a plain-text table for the command line: one row per service, resource
 * and operation, sorted, then a total line.
 *
 * <pre>
 * service   resource     operation           calls  failed  retries  items    WCU   RCU
 * DynamoDb  total_votes  TransactWriteItems     42       0        0    168  336.0     -
 * total                                         42       0        0    168  336.0     -
 * </pre>
 *
 * Capacity cells: a number; {@code -} when the call has no capacity to report (not a DynamoDB
 * data call) or none of that kind was consumed; {@code n/a} when DynamoDB was asked but reported
 * none (DynamoDB Local for PartiQL). A {@code bytes} column appears when any records were sent,
 * an {@code errors} column when any call failed. Errors a passing run always has are labelled
 * there ({@link #EXPECTED}), so a learner can tell them from the ones that matter.
 */
public final class MetricsTable {

    private static final String SEPARATOR = "  ";

    /** Failures that are part of normal operation, by service, operation and error code: why each is expected. */
    static final Map<String, String> EXPECTED = Map.of(
            "DynamoDb DescribeTable ResourceNotFoundException", "expected: setup probes, table not created yet",
            "DynamoDbStreams GetRecords ResourceNotFoundException", "expected: DynamoDB Local iterator, renewed",
            "DynamoDbStreams GetRecords TrimmedDataAccessException", "expected: DynamoDB Local, empty shard re-read");

    private MetricsTable() {
    }

    public static String render(MetricsSnapshot snapshot) {
        Counters total = snapshot.total();
        List<Column> columns = new ArrayList<>();
        columns.add(Column.left("service", row -> row.key.service()));
        columns.add(Column.left("resource", row -> row.key.resource()));
        columns.add(Column.left("operation", row -> row.key.operation()));
        columns.add(Column.right("calls", row -> Long.toString(row.counters.calls())));
        columns.add(Column.right("failed", row -> Long.toString(row.counters.failures())));
        columns.add(Column.right("retries", row -> Long.toString(row.counters.retries())));
        columns.add(Column.right("items", row -> Long.toString(row.counters.items())));
        if (total.bytes() != 0) {
            columns.add(Column.right("bytes", row -> Long.toString(row.counters.bytes())));
        }
        columns.add(Column.right("WCU", row -> capacity(row.counters, row.counters.writeUnits())));
        columns.add(Column.right("RCU", row -> capacity(row.counters, row.counters.readUnits())));
        if (total.failures() != 0) {
            Map<String, String> labels = labelsByCode(snapshot);
            columns.add(Column.left("errors", row -> errors(row.counters.failuresByCode(),
                    code -> row.key.service().equals("total") ? labels.get(code) : EXPECTED.get(callOf(row.key, code)))));
        }

        List<Row> rows = new ArrayList<>();
        snapshot.rows().forEach((key, counters) -> rows.add(new Row(key, counters)));
        rows.add(new Row(new MetricKey("total", "", ""), total));

        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toList());
        for (Row row : rows) {
            cells.add(columns.stream().map(column -> column.value().apply(row)).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }

        StringBuilder text = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                if (i > 0) {
                    out.append(SEPARATOR);
                }
                out.append(columns.get(i).pad(line.get(i), widths[i]));
            }
            text.append(out.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String capacity(Counters counters, double units) {
        if (counters.capacityAsked() == 0) {
            return "-";
        }
        if (counters.capacityReported() == 0) {
            return "n/a";
        }
        return units == 0 ? "-" : String.format(Locale.ROOT, "%.1f", units);
    }

    private static String errors(Map<String, Long> failuresByCode, Function<String, String> label) {
        return failuresByCode.entrySet().stream()
                .map(entry -> {
                    String why = label.apply(entry.getKey());
                    return entry.getKey() + "=" + entry.getValue() + (why == null ? "" : " (" + why + ")");
                })
                .collect(Collectors.joining(" "));
    }

    private static String callOf(MetricKey key, String code) {
        return key.service() + " " + key.operation() + " " + code;
    }

    /**
     * The total row's label of each error code: the rows' label when every row with that code
     * has the same one, else none (an unexpected failure shares the code).
     */
    private static Map<String, String> labelsByCode(MetricsSnapshot snapshot) {
        Map<String, String> labels = new HashMap<>();
        Set<String> unlabelled = new HashSet<>();
        snapshot.rows().forEach((key, counters) -> counters.failuresByCode().keySet().forEach(code -> {
            String label = EXPECTED.get(callOf(key, code));
            if (label == null || (labels.containsKey(code) && !labels.get(code).equals(label))) {
                unlabelled.add(code);
            } else {
                labels.put(code, label);
            }
        }));
        unlabelled.forEach(labels::remove);
        return labels;
    }

    private record Row(MetricKey key, Counters counters) {
    }

    private record Column(String header, Function<Row, String> value, boolean rightAligned) {

        static Column left(String header, Function<Row, String> value) {
            return new Column(header, value, false);
        }

        static Column right(String header, Function<Row, String> value) {
            return new Column(header, value, true);
        }

        String pad(String cell, int width) {
            String padding = " ".repeat(width - cell.length());
            return rightAligned ? padding + cell : cell + padding;
        }
    }
}
