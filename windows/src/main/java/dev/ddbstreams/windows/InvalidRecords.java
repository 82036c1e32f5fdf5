package dev.ddbstreams.windows;

import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * Counts records skipped as invalid as a CloudWatch metric, written in the Embedded Metric Format:
 * one JSON line on standard output, which Lambda's log delivery turns into the metric
 * {@code DdbStreamsWorkshop/InvalidRecords} with no API call and no extra permission.
 */
public final class InvalidRecords {

    private final String functionName;
    private final InstantSource clock;
    private final Consumer<String> log;

    /** Writes to standard output, which Lambda sends to CloudWatch Logs. */
    public InvalidRecords(String functionName, InstantSource clock) {
        this(functionName, clock, System.out::println);
    }

    public InvalidRecords(String functionName, InstantSource clock, Consumer<String> log) {
        this.functionName = functionName;
        this.clock = clock;
        this.log = log;
    }

    public void report(int count) {
        log.accept(metricLine(count));
    }

    String metricLine(int count) {
        return "{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"DdbStreamsWorkshop\",\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":"
                + "\"InvalidRecords\",\"Unit\":\"Count\"}]}]},\"FunctionName\":\"" + functionName.replace("\"", "")
                + "\",\"InvalidRecords\":" + count + "}";
    }
}
