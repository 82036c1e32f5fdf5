package dev.ddbstreams.data.load;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a UTF-8 CSV file record by record, giving each record the line it starts on.
 *
 * <p>The record number is not the line number: a quoted field may span lines. The parser's line
 * count after a record is the number of line breaks consumed so far, so the next record starts on
 * that count plus one. For that count to be right empty lines must reach us as records (the
 * parser would otherwise skip them silently), so they are parsed and then skipped here. A leading
 * byte order mark, as some spreadsheets write, is skipped too.
 *
 * <p>Bytes that are not UTF-8 become U+FFFD rather than failing the whole file (the decoder reads
 * ahead, so a failure could not even name the right line): the row formats reject a field holding
 * U+FFFD, so just that row is reported, with its line.
 */
final class NumberedCsvReader implements Closeable, Iterable<NumberedRow> {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final CSVParser parser;

    private NumberedCsvReader(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
    }

    static NumberedCsvReader open(Path file, CSVFormat format) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8));
        try {
            skipByteOrderMark(reader);
            CSVFormat lineByLine = format.builder().setIgnoreEmptyLines(false).setHeader((String[]) null).get();
            return new NumberedCsvReader(file, CSVParser.builder().setReader(reader).setFormat(lineByLine).get());
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * @throws UncheckedIOException from {@code hasNext()} if the file stops being valid CSV (a
     *     quote never closed, say); the message names the file and the record's first line
     */
    @Override
    public Iterator<NumberedRow> iterator() {
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            private long linesBeforeNext;
            private NumberedRow next;

            @Override
            public boolean hasNext() {
                while (next == null && readRecord(records)) {
                    CSVRecord record = records.next();
                    long startLine = linesBeforeNext + 1;
                    linesBeforeNext = parser.getCurrentLineNumber();
                    if (!isEmptyLine(record)) {
                        next = new NumberedRow(startLine, record);
                    }
                }
                return next != null;
            }

            @Override
            public NumberedRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                NumberedRow row = next;
                next = null;
                return row;
            }

            private boolean readRecord(Iterator<CSVRecord> records) {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    throw new UncheckedIOException(new IOException(file + ": cannot read the record starting on line "
                            + (linesBeforeNext + 1) + ": " + e.getCause().getMessage(), e.getCause()));
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static boolean isEmptyLine(CSVRecord record) {
        return record.size() == 0 || (record.size() == 1 && record.get(0).isEmpty());
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != BYTE_ORDER_MARK) {
            reader.reset();
        }
    }
}
