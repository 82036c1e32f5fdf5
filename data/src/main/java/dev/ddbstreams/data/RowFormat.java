package dev.ddbstreams.data;

import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How one kind of CSV file is laid out and how each of its rows becomes a DynamoDB item. */
public interface RowFormat {

    /** The short name users type, e.g. {@code logfile} or {@code game-scores}. */
    String name();

    /** The columns in file order. */
    List<String> columns();

    /** Whether the file's first line names the columns (it must then equal {@link #columns()}). */
    boolean hasHeaderRow();

    /** How to read and write the file: RFC 4180 quoting, this format's line separator. */
    CSVFormat csvFormat();

    /**
     * Converts one data row into a complete item, or rejects it whole: a row is never
     * half-converted.
     *
     * @throws RowRejectedException naming the column and the problem
     */
    Map<String, AttributeValue> toItem(CSVRecord row) throws RowRejectedException;
}
