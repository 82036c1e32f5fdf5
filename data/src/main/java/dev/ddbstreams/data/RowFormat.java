package dev.ddbstreams.data;

import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How one kind of CSV file is laid out and how each of its rows becomes a DynamoDB item. */
public abstract class RowFormat {

    private final String name;
    private final List<String> columns;
    private final boolean headerRow;
    private final CSVFormat csvFormat;

    /**
     * @param lineSeparator what ends a row when the file is written; reading accepts LF, CRLF and CR
     */
    protected RowFormat(String name, List<String> columns, boolean headerRow, String lineSeparator) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.headerRow = headerRow;
        this.csvFormat = CSVFormat.RFC4180.builder().setRecordSeparator(lineSeparator).get();
    }

    /** The short name users type, e.g. {@code logfile} or {@code game-scores}. */
    public final String name() {
        return name;
    }

    /** The columns in file order. */
    public final List<String> columns() {
        return columns;
    }

    /** Whether the file's first line names the columns (it must then equal {@link #columns()}). */
    public final boolean hasHeaderRow() {
        return headerRow;
    }

    /** How to read and write the file: RFC 4180 quoting (fields holding commas, quotes or line breaks are quoted). */
    public final CSVFormat csvFormat() {
        return csvFormat;
    }

    /**
     * Converts one data row into a complete item, or rejects it whole: a row is never
     * half-converted.
     *
     * @throws RowRejectedException naming the column and the problem
     */
    public abstract Map<String, AttributeValue> toItem(CSVRecord row) throws RowRejectedException;
}
