package dev.ddbstreams.data.load;

import org.apache.commons.csv.CSVRecord;

/** A CSV record and the 1-based line of the file it starts on. */
record NumberedRow(long lineNumber, CSVRecord record) {
}
