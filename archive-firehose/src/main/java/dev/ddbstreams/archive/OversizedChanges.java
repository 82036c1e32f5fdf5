package dev.ddbstreams.archive;

import java.time.InstantSource;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a change whose line was over Firehose's 1,000 KiB record limit, kept whole in the
 * quarantine and archived as a marker line without its images: a WARN log line naming the eventID, and a CloudWatch metric in
 * the Embedded Metric Format (one JSON line on standard output, turned into the metric
 * {@code DdbStreamsWorkshop/OversizedChanges} by Lambda's log delivery, no API call, no extra
 * permission), with the eventID as a property so a Logs Insights query finds it. Alarm on it.
 */
public final class OversizedChanges {

    private static final Logger LOG = LoggerFactory.getLogger(OversizedChanges.class);

    private final String deliveryStream;
    private final InstantSource clock;
    private final Consumer<String> metricOutput;

    /** Writes the metric to standard output, which Lambda sends to CloudWatch Logs. */
    public OversizedChanges(String deliveryStream) {
        this(deliveryStream, InstantSource.system(), System.out::println);
    }

    public OversizedChanges(String deliveryStream, InstantSource clock, Consumer<String> metricOutput) {
        this.deliveryStream = deliveryStream;
        this.clock = clock;
        this.metricOutput = metricOutput;
    }

    public void report(String eventId, String sequenceNumber, int lineBytes) {
        LOG.warn("Change eventID {} (seq {}) is {} bytes as a line, over Firehose's {}-byte record limit: archived "
                + "without its images (oversizedBytes={})", eventId, sequenceNumber, lineBytes,
                FirehoseLimits.MAX_RECORD_BYTES, lineBytes);
        metricOutput.accept(metricLine(eventId, lineBytes));
    }

    String metricLine(String eventId, int lineBytes) {
        return "{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"DdbStreamsWorkshop\",\"Dimensions\":[[\"DeliveryStream\"]],\"Metrics\":[{\"Name\":"
                + "\"OversizedChanges\",\"Unit\":\"Count\"}]}]},\"DeliveryStream\":\"" + plain(deliveryStream)
                + "\",\"OversizedChanges\":1,\"eventID\":\"" + plain(eventId) + "\",\"lineBytes\":" + lineBytes + "}";
    }

    // eventIDs and stream names are hex/ids; keep the line valid JSON whatever they hold.
    private static String plain(String text) {
        return text.replace("\\", "").replace("\"", "");
    }
}
