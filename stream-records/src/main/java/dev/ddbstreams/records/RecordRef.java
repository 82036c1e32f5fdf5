package dev.ddbstreams.records;

/**
 * What an error message needs to name a record: any part may be unknown (null) because errors
 * are raised while the record is still being read.
 */
record RecordRef(String eventId, EventName eventName, String sequenceNumber) {

    /** For conversions that have no record around them (plain image JSON, say). */
    static final RecordRef NONE = new RecordRef(null, null, null);

    RecordRef withEventName(EventName name) {
        return new RecordRef(eventId, name, sequenceNumber);
    }

    /** {@code record <eventID> (INSERT, seq 111)}, or {@code ""} when nothing is known. */
    String describe() {
        if (eventId == null && eventName == null && sequenceNumber == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("record ").append(eventId == null ? "<no eventID>" : eventId).append(" (");
        if (eventName != null) {
            text.append(eventName).append(", ");
        }
        return text.append("seq ").append(sequenceNumber == null ? "<none>" : sequenceNumber).append(')').toString();
    }
}
