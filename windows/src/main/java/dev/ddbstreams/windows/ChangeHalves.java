package dev.ddbstreams.windows;

import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * The two changes a MODIFY makes to aggregates: the item leaves what its OldImage counted in (a
 * REMOVE of the OldImage) and enters what its NewImage counts in (an INSERT of the NewImage). Each
 * keeps the MODIFY's eventID, sequence number and time, so a half quarantined on its own is found
 * and named as the record it came from.
 */
final class ChangeHalves {

    private ChangeHalves() {
    }

    static ChangeRecord removeOfOldImage(ChangeRecord modify) {
        return half(modify, EventName.REMOVE, StreamRecord.builder().oldImage(modify.requireOldImage().attributes()));
    }

    static ChangeRecord insertOfNewImage(ChangeRecord modify) {
        return half(modify, EventName.INSERT, StreamRecord.builder().newImage(modify.requireNewImage().attributes()));
    }

    private static ChangeRecord half(ChangeRecord modify, EventName name, StreamRecord.Builder stream) {
        stream.approximateCreationDateTime(modify.approximateCreationTime())
                .keys(modify.keys().attributes())
                .sequenceNumber(modify.sequenceNumber())
                .sizeBytes(modify.sizeBytes());
        modify.streamViewType().ifPresent(stream::streamViewType);
        Record record = Record.builder().eventID(modify.eventId()).eventName(name.name()).awsRegion(modify.region())
                .dynamodb(stream.build()).build();
        return ChangeRecords.fromGetRecords(record, modify.eventSourceArn());
    }
}
