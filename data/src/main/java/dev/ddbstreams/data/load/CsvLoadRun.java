package dev.ddbstreams.data.load;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.RowFormat;
import dev.ddbstreams.data.RowRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One load: reads the file row by row, converts each row, hands items to a writer, counts. */
final class CsvLoadRun {

    private static final Logger LOG = LoggerFactory.getLogger(CsvLoadRun.class);

    private final Path file;
    private final RowFormat format;
    private final String tableName;
    private final ItemWriter writer;
    private final LoadProgressListener progress;
    private final List<RejectedRow> rejected = new ArrayList<>();
    private long rowsRead;
    private long lastReported;

    CsvLoadRun(Path file, DataSet dataSet, String tableName, ItemWriter writer, LoadProgressListener progress) {
        this.file = file;
        this.format = dataSet.format();
        this.tableName = tableName;
        this.writer = writer;
        this.progress = progress;
    }

    LoadResult run() throws IOException {
        long start = System.nanoTime();
        try (NumberedCsvReader reader = NumberedCsvReader.open(file, format.csvFormat())) {
            boolean headerExpected = format.hasHeaderRow();
            for (NumberedRow row : reader) {
                if (headerExpected) {
                    headerExpected = false;
                    if (row.record().toList().equals(format.columns())) {
                        continue;
                    }
                    rowsRead++;
                    reject(row, "expected the header row " + String.join(",", format.columns()));
                    continue;
                }
                rowsRead++;
                load(row);
                reportProgress();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.finish();
        reportProgress();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Loaded {} of {} rows from {} into {} in {} ms ({} rejected)", writer.itemsWritten(), rowsRead, file,
                tableName, elapsed.toMillis(), rejected.size());
        return new LoadResult(file, tableName, rowsRead, writer.itemsWritten(), rejected, writer.requestsSent(),
                writer.unprocessedItemRetries(), elapsed);
    }

    private void load(NumberedRow row) {
        try {
            writer.write(format.toItem(row.record()));
        } catch (RowRejectedException e) {
            reject(row, e.getMessage());
        }
    }

    private void reject(NumberedRow row, String reason) {
        RejectedRow rejectedRow = new RejectedRow(file, row.lineNumber(), reason);
        LOG.debug("Rejected {}", rejectedRow);
        rejected.add(rejectedRow);
    }

    /** Reports rows no longer waiting in the writer's buffer, once per change. */
    private void reportProgress() {
        long done = rowsRead - writer.pendingItems();
        if (done != lastReported) {
            lastReported = done;
            progress.rowsDone(done);
        }
    }
}
