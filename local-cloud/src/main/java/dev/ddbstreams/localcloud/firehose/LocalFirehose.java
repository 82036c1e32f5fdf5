package dev.ddbstreams.localcloud.firehose;

import java.net.URI;
import dev.ddbstreams.localcloud.awsjson.AwsJsonEndpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The local Firehose as the local cloud runs it: a {@link LocalFirehoseClient} delivering in the
 * background, and the {@link FirehoseEndpoint} that handlers' own SDK clients reach it through.
 * Closing stops the endpoint first, then delivers what is still buffered.
 */
public final class LocalFirehose implements AutoCloseable {

    private final LocalFirehoseClient client;
    private final AwsJsonEndpoint endpoint;

    private LocalFirehose(LocalFirehoseClient client, AwsJsonEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Starts with its endpoint on loopback. */
    public static LocalFirehose start(String region, FirehoseFaults faults, InstantSource clock,
            Duration deliveryCheckPeriod) {
        return start(region, faults, clock, deliveryCheckPeriod, InetAddress.getLoopbackAddress());
    }

    /**
     * @param deliveryCheckPeriod how often buffer intervals are checked (delivery can be this late)
     * @param bindAddress where the endpoint listens: loopback unless the network is meant to reach it
     */
    public static LocalFirehose start(String region, FirehoseFaults faults, InstantSource clock,
            Duration deliveryCheckPeriod, InetAddress bindAddress) {
        LocalFirehoseClient client = LocalFirehoseClient.builder().region(region).faults(faults).clock(clock)
                .backgroundDelivery(deliveryCheckPeriod).build();
        return new LocalFirehose(client, FirehoseEndpoint.start(client, bindAddress));
    }

    /** The in-process client behind the endpoint: stats, flush, {@code failNextRecords}. */
    public LocalFirehoseClient client() {
        return client;
    }

    /** Where SDK clients reach it: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint.uri();
    }

    public void addDeliveryStream(DeliveryStreamConfig config) {
        client.addDeliveryStream(config);
    }

    /**
     * Stops the endpoint, then delivers what is buffered.
     *
     * @throws IllegalStateException if a buffer could not be written (see {@link LocalFirehoseClient#close()})
     */
    @Override
    public void close() {
        try {
            endpoint.close();
        } finally {
            client.close();
        }
    }
}
