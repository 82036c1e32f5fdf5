package dev.ddbstreams.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.Image;
import dev.ddbstreams.records.ImageJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One change as one line of JSON ending in {@code \n}, the unit the archive stores and Athena or
 * DuckDB query (the column names are {@link ArchiveColumns}'):
 *
 * <pre>{"eventID":"…","eventName":"MODIFY","tableName":"InvoiceTransactions","awsRegion":"us-east-1",
 * "sequenceNumber":"…","approximateCreationTime":"2026-11-21T13:00:00Z","ttlDelete":false,
 * "keys":{…},"newImage":{…},"oldImage":{…}}</pre>
 *
 * <p>Images are plain JSON with numbers exactly as DynamoDB gave them ({@link ImageJson});
 * {@code null} where the record has no such image (INSERT has no old image, REMOVE no new one).
 * The time is ISO-8601 UTC text, so it sorts as time and {@code substr(…, 1, 10)} is its day in
 * any SQL engine. The eventID is what makes a line unique: duplicates from retries are removed at
 * query time by it.
 */
public final class ArchiveLine {

    private static final JsonFactory JSON = new JsonFactory();

    private ArchiveLine() {
    }

    /** The full line, UTF-8. */
    public static byte[] of(ChangeRecord record) {
        return write(record, record.newImage(), record.oldImage(), Optional.empty());
    }

    /**
     * The line that stands for a change whose full line is over Firehose's record limit: the same
     * fields without the images, and {@code oversizedBytes}, the size of the line it replaces.
     */
    public static byte[] oversized(ChangeRecord record, int fullLineBytes) {
        return write(record, Optional.empty(), Optional.empty(), Optional.of(fullLineBytes));
    }

    private static byte[] write(ChangeRecord record, Optional<Image> newImage, Optional<Image> oldImage,
            Optional<Integer> oversizedBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("eventID", record.eventId());
            out.writeStringField("eventName", record.eventName().name());
            out.writeStringField("tableName", record.tableName());
            out.writeStringField("awsRegion", record.region());
            out.writeStringField("sequenceNumber", record.sequenceNumber());
            out.writeStringField("approximateCreationTime",
                    DateTimeFormatter.ISO_INSTANT.format(record.approximateCreationTime()));
            out.writeBooleanField("ttlDelete", record.ttlDelete());
            out.writeFieldName("keys");
            ImageJson.write(record.keys().attributes(), out);
            writeImage("newImage", newImage, out);
            writeImage("oldImage", oldImage, out);
            if (oversizedBytes.isPresent()) {
                out.writeNumberField("oversizedBytes", oversizedBytes.get());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writeImage(String field, Optional<Image> image, JsonGenerator out) throws IOException {
        out.writeFieldName(field);
        if (image.isPresent()) {
            ImageJson.write(image.get().attributes(), out);
        } else {
            out.writeNull();
        }
    }
}
