package dev.ddbstreams.data;

import org.apache.commons.csv.CSVFormat;

/** The two CSV dialects the data sets use: RFC 4180 quoting with LF or with CRLF line ends. */
final class CsvFormats {

    private CsvFormats() {
    }

    /** RFC 4180 quoting (fields holding commas, quotes or line breaks are quoted), the given line end. */
    static CSVFormat rfc4180(String lineSeparator) {
        return CSVFormat.RFC4180.builder().setRecordSeparator(lineSeparator).get();
    }
}
