package dev.ddbstreams.data.generate;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.RowFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the workshop's data sets: the same bytes on every run and every machine (UTF-8 always,
 * no default locale, charset or time zone involved). The committed files in {@code data/} are
 * this class's output, and a test fails the build if they drift apart.
 *
 * <p>{@code ./workshop generate-data} runs it.
 */
public final class DataSetGenerator {

    private DataSetGenerator() {
    }

    /** Writes the data set's file into the directory (created if needed) and returns its path. */
    public static Path write(DataSet dataSet, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(dataSet.fileName());
        Files.write(file, render(dataSet));
        return file;
    }

    /** The data set's file content: the header row if its format has one, then the rows, UTF-8. */
    public static byte[] render(DataSet dataSet) {
        RowFormat format = dataSet.format();
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, format.csvFormat())) {
            if (format.hasHeaderRow()) {
                printer.printRecord(format.columns());
            }
            for (List<String> row : rows(dataSet)) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<List<String>> rows(DataSet dataSet) {
        RowGenerator generator = switch (dataSet) {
            case LOGFILE -> new LogfileGenerator();
            case VOTES -> new VoteGenerator();
            case GAME_SCORES -> new GameScoreGenerator();
            case INVOICES -> new InvoiceGenerator();
        };
        return generator.rows();
    }
}
