package dev.ddbstreams.aggregation;

import java.time.InstantSource;

/**
 * Counts records skipped as invalid as a CloudWatch metric, written in the Embedded Metric Format:
 * one JSON line on standard output, which Lambda's log delivery turns into the metric
 * {@code DdbStreamsWorkshop/InvalidRecords} with no API call and no extra permission.
 */
public final class InvalidRecords {

    private final String functionName;
    private final InstantSource clock;

    public InvalidRecords(String functionName, InstantSource clock) {
        this.functionName = functionName;
        this.clock = clock;
    }

    public void report(int count) {
        System.out.println(metricLine(count));
    }

    String metricLine(int count) {
        return "{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"DdbStreamsWorkshop\",\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":"
                + "\"InvalidRecords\",\"Unit\":\"Count\"}]}]},\"FunctionName\":\"" + functionName.replace("\"", "")
                + "\",\"InvalidRecords\":" + count + "}";
    }
}
