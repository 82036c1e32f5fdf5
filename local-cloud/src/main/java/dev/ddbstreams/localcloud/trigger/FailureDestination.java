package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.destinations.InvocationRecord;

/**
 * Where a trigger sends the record describing a batch it gave up on (retries or record age run
 * out): Lambda's on-failure destination. SQS and SNS get the invocation record alone; an S3
 * destination also gets the payload, the event with the records as Lambda sent them.
 */
@FunctionalInterface
public interface FailureDestination {

    /** Lambda without a destination: the batch is dropped and only the trigger's counters remember it. */
    FailureDestination NONE = (destination, record, payload) -> { };

    /**
     * @param destination the template's DestinationConfig.OnFailure.Destination, resolved (a logical id or an ARN)
     * @param record the invocation record
     * @param payload the event the function was invoked with ({@code {"Records":[...]}})
     */
    void send(String destination, InvocationRecord record, ObjectNode payload);
}
