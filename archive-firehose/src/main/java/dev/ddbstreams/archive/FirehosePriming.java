package dev.ddbstreams.archive;

import dev.ddbstreams.lambda.SnapStartPriming;
import java.util.List;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * SnapStart priming for a handler that sends to a delivery stream: {@code DescribeDeliveryStream}
 * of that stream, which warms the Firehose client as a first send would, reads metadata only and
 * is not billed. Never PutRecord or PutRecordBatch: a snapshot must not archive anything. Needs
 * {@code firehose:DescribeDeliveryStream} on the stream (template.yaml).
 */
final class FirehosePriming {

    private FirehosePriming() {
    }

    /** Registers it; the handler keeps the result in a field (org.crac holds it weakly). */
    static SnapStartPriming register(FirehoseClient firehose, String deliveryStream) {
        return SnapStartPriming.register(List.of(new SnapStartPriming.Call("DescribeDeliveryStream " + deliveryStream,
                () -> firehose.describeDeliveryStream(request -> request.deliveryStreamName(deliveryStream)))));
    }
}
