package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a trigger sends the record describing a batch it gave up on (retries or record age run
 * out): Lambda's on-failure destination. The record carries metadata (DDBStreamBatchInfo), not
 * the stream records themselves.
 */
@FunctionalInterface
public interface FailureDestination {

    /** Lambda without a destination: the batch is dropped and only the trigger's counters remember it. */
    FailureDestination NONE = (destination, record) -> { };

    /**
     * @param destination the template's DestinationConfig.OnFailure.Destination, resolved
     * @param record the invocation record, as Lambda would send it to SQS, SNS or S3
     */
    void send(String destination, ObjectNode record);
}
