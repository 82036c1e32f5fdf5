package dev.ddbstreams.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;

/** A poison batch's handler: every invocation fails, so the trigger gives the batch up. */
public final class AlwaysFailingHandler implements RequestHandler<DynamodbEvent, Void> {

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        throw new IllegalStateException("cannot process " + event.getRecords().size() + " records");
    }
}
