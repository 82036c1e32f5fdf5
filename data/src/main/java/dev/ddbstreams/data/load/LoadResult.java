package dev.ddbstreams.data.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one load did.
 *
 * @param rowsRead data rows read from the file (a header row is not counted)
 * @param rowsLoaded rows written to the table; a row overwritten by a later row with the same key
 *     still counts, as it was written
 * @param rejectedRows rows not loaded, in file order
 * @param requestsSent write requests sent: BatchWriteItem calls (retries included) or PutItem calls
 * @param unprocessedItemRetries items DynamoDB returned as UnprocessedItems and that were sent again
 * @param elapsed wall-clock time of the whole load, reading included
 */
public record LoadResult(Path file, String tableName, long rowsRead, long rowsLoaded, List<RejectedRow> rejectedRows,
        long requestsSent, long unprocessedItemRetries, Duration elapsed) {

    public LoadResult {
        rejectedRows = List.copyOf(rejectedRows);
    }

    /** Rows loaded per second of elapsed time. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : rowsLoaded / seconds;
    }
}
