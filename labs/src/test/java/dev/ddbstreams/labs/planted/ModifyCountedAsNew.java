package dev.ddbstreams.labs.planted;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;

/**
 * Planted bug: a MODIFY is counted as an INSERT of its new image, as if it were a new item; the
 * old image's total keeps it too, and an edit that moves nothing counts once more.
 */
public abstract class ModifyCountedAsNew extends PlantedWindowedCounter {

    protected ModifyCountedAsNew(CountedInto counted) {
        super(counted, counted.right(), true);
    }

    @Override
    protected void plant(DynamodbEvent.DynamodbStreamRecord record) {
        if ("MODIFY".equals(record.getEventName())) {
            record.setEventName("INSERT");
            record.getDynamodb().setOldImage(null);
        }
    }
}
