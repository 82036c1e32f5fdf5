package dev.ddbstreams.data.load;

import dev.ddbstreams.data.DataSet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a data set's CSV file into a DynamoDB table. Rows that cannot be converted are reported
 * in the result and every other row is still loaded.
 */
public interface TableLoader {

    /**
     * @param file the CSV file, UTF-8, in the data set's format
     * @param tableName the table to write to (normally {@link DataSet#tableName()})
     * @throws IOException if the file cannot be read or is not valid CSV or UTF-8; rows read
     *     before the failure may already be in the table
     */
    LoadResult load(Path file, DataSet dataSet, String tableName, LoadProgressListener progress) throws IOException;

    /** Loads into the data set's own table, without progress reports. */
    default LoadResult load(Path file, DataSet dataSet) throws IOException {
        return load(file, dataSet, dataSet.tableName(), LoadProgressListener.NONE);
    }
}
