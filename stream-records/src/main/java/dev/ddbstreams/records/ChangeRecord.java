package dev.ddbstreams.records;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * One change to one DynamoDB item, whichever way it arrived: a Lambda DynamoDB event, a
 * DynamoDB Streams {@code GetRecords} record, or a Kinesis record from Kinesis Data Streams for
 * DynamoDB. Built by {@link ChangeRecords}; immutable.
 *
 * <p><b>Equality</b> covers every field. A Lambda record and a {@code GetRecords} record of the
 * same change are equal. A Kinesis-delivered record differs in its transport fields (eventID,
 * sequence number, eventSourceARN, stream view type, creation-time precision, SizeBytes): compare
 * those with {@link #sameChangeAs(ChangeRecord)}, which looks at {@link #change()} only.
 *
 * <p>{@link #toString()} names the record but leaves the item data out, so it is safe to log.
 */
public final class ChangeRecord {

    /** Orders records as their shard does: sequence numbers compared as numbers, not strings. */
    public static final Comparator<ChangeRecord> BY_SEQUENCE_NUMBER =
            Comparator.comparing(ChangeRecord::sequenceNumberValue);

    private final String eventId;
    private final EventName eventName;
    private final String sequenceNumber;
    private final BigInteger sequenceNumberValue;
    private final Image keys;
    private final Image oldImage;
    private final Image newImage;
    private final Instant approximateCreationTime;
    private final long sizeBytes;
    private final StreamViewType streamViewType;
    private final String tableName;
    private final String region;
    private final String eventSourceArn;
    private final boolean ttlDelete;

    ChangeRecord(Fields fields) {
        RecordRef ref = fields.ref;
        this.eventId = fields.ref.eventId();
        this.eventName = fields.ref.eventName();
        this.sequenceNumber = fields.ref.sequenceNumber();
        this.sequenceNumberValue = fields.sequenceNumberValue;
        this.keys = fields.keys;
        this.oldImage = fields.oldImage;
        this.newImage = fields.newImage;
        this.approximateCreationTime = fields.approximateCreationTime;
        this.sizeBytes = fields.sizeBytes;
        this.streamViewType = fields.streamViewType;
        this.tableName = fields.tableName;
        this.region = fields.region;
        this.eventSourceArn = fields.eventSourceArn;
        this.ttlDelete = fields.ttlDelete;
        checkImagesMatchViewType(ref);
    }

    /** What a factory collects before building; every field is checked by the factory or here. */
    static final class Fields {
        RecordRef ref;
        BigInteger sequenceNumberValue;
        Image keys;
        Image oldImage;
        Image newImage;
        Instant approximateCreationTime;
        long sizeBytes;
        StreamViewType streamViewType;
        String tableName;
        String region;
        String eventSourceArn;
        boolean ttlDelete;
    }

    private void checkImagesMatchViewType(RecordRef ref) {
        if (keys.attributes().isEmpty()) {
            throw new ChangeRecordException(ref, "no Keys");
        }
        if (eventName == EventName.INSERT && oldImage != null) {
            throw new ChangeRecordException(ref, "has an OldImage, but an INSERT has none");
        }
        if (eventName == EventName.REMOVE && newImage != null) {
            throw new ChangeRecordException(ref, "has a NewImage, but a REMOVE has none");
        }
        // Kinesis carries no view type but always both images, as NEW_AND_OLD_IMAGES does.
        StreamViewType effective = streamViewType == null ? StreamViewType.NEW_AND_OLD_IMAGES : streamViewType;
        boolean carriesNew = effective == StreamViewType.NEW_IMAGE || effective == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean carriesOld = effective == StreamViewType.OLD_IMAGE || effective == StreamViewType.NEW_AND_OLD_IMAGES;
        if (carriesNew && eventName != EventName.REMOVE && newImage == null) {
            throw new ChangeRecordException(ref, "no NewImage, but " + viewTypeText() + " and this is a " + eventName);
        }
        if (carriesOld && eventName != EventName.INSERT && oldImage == null) {
            throw new ChangeRecordException(ref, "no OldImage, but " + viewTypeText() + " and this is a " + eventName);
        }
    }

    /** The eventID: unique per record within its source. */
    public String eventId() {
        return eventId;
    }

    /** INSERT, MODIFY or REMOVE. */
    public EventName eventName() {
        return eventName;
    }

    /**
     * The sequence number exactly as given: the DynamoDB stream's, or the Kinesis shard's for a
     * Kinesis-delivered record. It is what a partial batch response reports.
     */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** The sequence number as a number, for ordering (as strings, "9" would sort after "10"). */
    public BigInteger sequenceNumberValue() {
        return sequenceNumberValue;
    }

    /** The item's key attributes; never empty. */
    public Image keys() {
        return keys;
    }

    /** The item before the change; empty for an INSERT and for view types without old images. */
    public Optional<Image> oldImage() {
        return Optional.ofNullable(oldImage);
    }

    /** The item after the change; empty for a REMOVE and for view types without new images. */
    public Optional<Image> newImage() {
        return Optional.ofNullable(newImage);
    }

    /** The item before the change, or an error that says why the record has none. */
    public Image requireOldImage() {
        if (oldImage == null) {
            throw new ChangeRecordException(ref(), "no OldImage; " + (eventName == EventName.INSERT
                    ? "an INSERT has none" : viewTypeText()));
        }
        return oldImage;
    }

    /** The item after the change, or an error that says why the record has none. */
    public Image requireNewImage() {
        if (newImage == null) {
            throw new ChangeRecordException(ref(), "no NewImage; " + (eventName == EventName.REMOVE
                    ? "a REMOVE has none" : viewTypeText()));
        }
        return newImage;
    }

    /**
     * When DynamoDB wrote the change, approximately. Lambda and {@code GetRecords} give whole
     * seconds (kept to the millisecond); Kinesis gives milliseconds or microseconds.
     */
    public Instant approximateCreationTime() {
        return approximateCreationTime;
    }

    /** The size of the stream record in bytes, as DynamoDB reports it. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The DynamoDB stream's view type; empty for a Kinesis-delivered record, which carries none. */
    public Optional<StreamViewType> streamViewType() {
        return Optional.ofNullable(streamViewType);
    }

    /** The table the item lives in. */
    public String tableName() {
        return tableName;
    }

    /** The table's region. */
    public String region() {
        return region;
    }

    /**
     * The stream the record was read from: the DynamoDB stream ARN, or for a Kinesis-delivered
     * record the Kinesis data stream's ARN.
     */
    public String eventSourceArn() {
        return eventSourceArn;
    }

    /**
     * Whether Time to Live deleted the item: a REMOVE whose userIdentity is type "Service",
     * principal "dynamodb.amazonaws.com".
     */
    public boolean ttlDelete() {
        return ttlDelete;
    }

    /** The change without its transport fields; see {@link Change} for what is left out and why. */
    public Change change() {
        return new Change(tableName, region, eventName, keys.attributes(),
                oldImage().map(Image::attributes), newImage().map(Image::attributes),
                approximateCreationTime.truncatedTo(ChronoUnit.SECONDS), ttlDelete);
    }

    /** Whether both records describe the same change, even if different transports carried them. */
    public boolean sameChangeAs(ChangeRecord other) {
        return change().equals(other.change());
    }

    private RecordRef ref() {
        return new RecordRef(eventId, eventName, sequenceNumber);
    }

    private String viewTypeText() {
        return streamViewType == null
                ? "the record carries no stream view type (Kinesis)"
                : "stream view type is " + streamViewType;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof ChangeRecord that
                && sizeBytes == that.sizeBytes
                && ttlDelete == that.ttlDelete
                && eventId.equals(that.eventId)
                && eventName == that.eventName
                && sequenceNumber.equals(that.sequenceNumber)
                && keys.equals(that.keys)
                && Objects.equals(oldImage, that.oldImage)
                && Objects.equals(newImage, that.newImage)
                && approximateCreationTime.equals(that.approximateCreationTime)
                && streamViewType == that.streamViewType
                && tableName.equals(that.tableName)
                && region.equals(that.region)
                && eventSourceArn.equals(that.eventSourceArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventName, sequenceNumber, keys, oldImage, newImage,
                approximateCreationTime, sizeBytes, streamViewType, tableName, region, eventSourceArn, ttlDelete);
    }

    @Override
    public String toString() {
        return "ChangeRecord{" + eventName + " " + tableName + " (" + region + "), eventId=" + eventId
                + ", seq=" + sequenceNumber + ", created=" + approximateCreationTime
                + (ttlDelete ? ", ttlDelete" : "") + "}";
    }
}
