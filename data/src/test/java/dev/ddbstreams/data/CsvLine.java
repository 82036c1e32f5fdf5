package dev.ddbstreams.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Parses one CSV line of a test into the record a format converts. */
final class CsvLine {

    private CsvLine() {
    }

    static CSVRecord parse(RowFormat format, String line) {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(line)).setFormat(format.csvFormat())
                .get()) {
            return parser.getRecords().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
