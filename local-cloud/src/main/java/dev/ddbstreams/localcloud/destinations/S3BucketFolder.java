package dev.ddbstreams.localcloud.destinations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.firehose.BucketWriter;
import dev.ddbstreams.localcloud.firehose.ObjectCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The S3 on-failure destination: one object per discarded batch, holding the invocation record
 * with its payload, under the key Lambda uses ("Retaining records of failed invocations",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html):
 * {@code aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>}, in the
 * folder that stands for the bucket (as the local Firehose writes its objects).
 */
public final class S3BucketFolder {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss").withZone(ZoneOffset.UTC);

    private S3BucketFolder() {
    }

    /**
     * The object key. The event source mapping's UUID is derived from the function and stream ARNs:
     * the local trigger has no mapping resource of its own, and the same trigger keeps the same prefix.
     */
    static String objectKey(InvocationRecord record) {
        String mapping = UUID.nameUUIDFromBytes((record.requestContext().functionArn() + "\n"
                + record.batchInfo().streamArn()).getBytes(StandardCharsets.UTF_8)).toString();
        return "aws/lambda/" + mapping + "/" + record.batchInfo().shardId() + "/" + DAY.format(record.timestamp())
                + "/" + SECOND.format(record.timestamp()) + "-" + UUID.randomUUID();
    }

    /** Writes the record with its payload and returns the object's file. */
    public static Path write(Path bucket, InvocationRecord record, ObjectNode payload) {
        byte[] content = record.toJson(payload).toString().getBytes(StandardCharsets.UTF_8);
        try {
            return BucketWriter.write(bucket, objectKey(record), content, content.length, ObjectCompression.UNCOMPRESSED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the on-failure object to " + bucket, e);
        }
    }
}
