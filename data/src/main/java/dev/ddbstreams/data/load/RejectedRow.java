package dev.ddbstreams.data.load;

import java.nio.file.Path;

/**
 * A row that was not loaded: the file, the line it starts on (1-based, as an editor counts
 * lines, quoted line breaks included) and why.
 */
public record RejectedRow(Path file, long lineNumber, String reason) {

    /** {@code logfile_stream.csv:17: column 8 (responsecode): 'abc' is not a whole number} */
    @Override
    public String toString() {
        return file + ":" + lineNumber + ": " + reason;
    }
}
