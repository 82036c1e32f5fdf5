package dev.ddbstreams.localcloud.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run's measured usage would cost on AWS at {@link AwsPrices}, in total and per million
 * source changes: DynamoDB request units per table (from the capacity DynamoDB Local reported),
 * DynamoDB Streams reads (free for Lambda triggers), Lambda requests and GB-seconds per function,
 * Firehose ingestion and the S3 PUTs of its deliveries. Lambda duration is an estimate: the local
 * invocation time at the function's configured memory; Lambda's CPU share differs.
 */
public final class CostEstimate {

    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;
    private static final Set<String> SINGLE_ITEM_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem");

    private final List<Line> lines;

    /**
     * @param resource the table or function, empty when none
     * @param quantity in {@code unit}s
     */
    public record Line(String item, String resource, double quantity, String unit, double usd) {
    }

    private CostEstimate(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * @param requests the SDK calls of the run ({@link RequestMetrics})
     * @param invocations Lambda invocations of the run ({@link InvocationMetrics})
     * @param firehoseBilledBytes Firehose ingestion as billed: each record rounded up to 5 KB
     * @param s3Puts objects Firehose delivered to S3
     */
    public static CostEstimate of(MetricsSnapshot requests, Map<String, InvocationMetrics.Usage> invocations,
            long firehoseBilledBytes, long s3Puts) {
        Map<String, double[]> unitsByTable = new TreeMap<>();
        Map<String, Long> streamReadsByTable = new TreeMap<>();
        requests.rows().forEach((key, counters) -> {
            if (key.service().equals("DynamoDb")) {
                double[] units = unitsByTable.computeIfAbsent(key.resource(), table -> new double[2]);
                units[0] += counters.writeUnits() + refusedConditionalWrites(key, counters);
                units[1] += counters.readUnits();
            } else if (key.service().equals("DynamoDbStreams") && key.operation().equals("GetRecords")) {
                streamReadsByTable.merge(key.resource(), counters.calls(), Long::sum);
            }
        });
        List<Line> lines = new ArrayList<>();
        unitsByTable.forEach((table, units) -> {
            if (units[0] > 0) {
                lines.add(new Line("DynamoDB write request units", table, units[0], "WRU",
                        units[0] * AwsPrices.DYNAMODB_WRITE_REQUEST_UNIT));
            }
            if (units[1] > 0) {
                lines.add(new Line("DynamoDB read request units", table, units[1], "RRU",
                        units[1] * AwsPrices.DYNAMODB_READ_REQUEST_UNIT));
            }
        });
        // Every GetRecords in the local cloud is a stream trigger's, which Lambda does not charge for.
        streamReadsByTable.forEach((table, calls) -> lines.add(new Line("DynamoDB Streams GetRecords (Lambda: free)",
                table, calls, "requests", 0)));
        invocations.forEach((function, usage) -> {
            lines.add(new Line("Lambda requests", function, usage.invocations(), "requests",
                    usage.invocations() * AwsPrices.LAMBDA_REQUEST));
            lines.add(new Line("Lambda duration (estimate)", function, usage.gigabyteSeconds(), "GB-s",
                    usage.gigabyteSeconds() * AwsPrices.LAMBDA_GB_SECOND));
        });
        if (firehoseBilledBytes > 0) {
            double gb = firehoseBilledBytes / BYTES_PER_GB;
            lines.add(new Line("Firehose ingestion (5 KB steps)", "", gb, "GB", gb * AwsPrices.FIREHOSE_INGESTED_GB));
        }
        if (s3Puts > 0) {
            lines.add(new Line("S3 PUT requests (Firehose deliveries)", "", s3Puts, "requests",
                    s3Puts * AwsPrices.S3_PUT_REQUEST));
        }
        return new CostEstimate(lines);
    }

    public List<Line> lines() {
        return lines;
    }

    public double totalUsd() {
        return lines.stream().mapToDouble(Line::usd).sum();
    }

    /**
     * DynamoDB bills a conditional write whose condition is false (at least 1 WRU; more for an item
     * over 1 KB), but DynamoDB Local reports no capacity for it: count 1 WRU per refused write.
     */
    private static long refusedConditionalWrites(MetricKey key, Counters counters) {
        return SINGLE_ITEM_WRITES.contains(key.operation())
                ? counters.failuresByCode().getOrDefault("ConditionalCheckFailedException", 0L)
                : 0;
    }

    /** The cost of a million changes at this run's cost per change. */
    public static double perMillion(double usd, long sourceChanges) {
        if (sourceChanges <= 0) {
            throw new IllegalArgumentException("source changes must be positive, was " + sourceChanges);
        }
        return usd / sourceChanges * 1_000_000;
    }

    /** A plain-text table: one row per line, then the total; USD for the run and per million source changes. */
    public String render(long sourceChanges) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"item", "resource", "quantity", "USD", "USD per 1M changes"});
        for (Line line : lines) {
            cells.add(new String[] {line.item(), line.resource(), quantity(line), usd(line.usd(), 6),
                usd(perMillion(line.usd(), sourceChanges), 4)});
        }
        cells.add(new String[] {"total", "", "", usd(totalUsd(), 6), usd(perMillion(totalUsd(), sourceChanges), 4)});
        int[] widths = new int[5];
        for (String[] row : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : cells) {
            String line = String.format(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2]
                    + "s  %" + widths[3] + "s  %" + widths[4] + "s", (Object[]) row);
            text.append(line.stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String quantity(Line line) {
        boolean whole = line.quantity() == Math.rint(line.quantity());
        String number = whole ? String.format(Locale.ROOT, "%,.0f", line.quantity())
                : String.format(Locale.ROOT, "%,.3f", line.quantity());
        return number + " " + line.unit();
    }

    private static String usd(double usd, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", usd);
    }
}
