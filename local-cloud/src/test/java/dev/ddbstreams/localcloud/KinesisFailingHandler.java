package dev.ddbstreams.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;

/** A poison batch's handler on a Kinesis stream: every invocation fails, so the trigger gives the batch up. */
public final class KinesisFailingHandler implements RequestHandler<KinesisEvent, Void> {

    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        throw new IllegalStateException("cannot process " + event.getRecords().size() + " records");
    }
}
