package dev.ddbstreams.records;

/** What happened to the item: the {@code eventName} of a DynamoDB stream record. */
public enum EventName {
    /** A new item was written. The record has a NewImage (view type permitting) and never an OldImage. */
    INSERT,
    /** An existing item changed. The record may carry both images. */
    MODIFY,
    /** An item was deleted, by a caller or by TTL. The record never has a NewImage. */
    REMOVE;

    static EventName parse(String value, RecordRef record) {
        if (value == null || value.isBlank()) {
            throw new ChangeRecordException(record, "no eventName");
        }
        for (EventName name : values()) {
            if (name.name().equals(value)) {
                return name;
            }
        }
        throw new ChangeRecordException(record, "unknown eventName '" + value + "', expected INSERT, MODIFY or REMOVE");
    }
}
