package dev.ddbstreams.data.load;

import dev.ddbstreams.data.DataSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items a load of a file would leave in its table, read without writing them: for a benchmark
 * that times the writes alone (the local limit) on exactly the loader's items.
 */
public final class CsvItems {

    private CsvItems() {
    }

    /**
     * @return one item per key (the last row wins, as in a load), in the order keys first appear;
     *     rejected rows left out
     */
    public static List<Map<String, AttributeValue>> read(Path file, DataSet dataSet) throws IOException {
        Collector collector = new Collector(dataSet.keyAttributeNames());
        new CsvLoadRun(file, dataSet, dataSet.tableName(), collector, LoadProgressListener.NONE).run();
        return new ArrayList<>(collector.items.values());
    }

    private static final class Collector implements ItemWriter {
        private final List<String> keyAttributes;
        private final Map<List<AttributeValue>, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        private long written;

        Collector(List<String> keyAttributes) {
            this.keyAttributes = keyAttributes;
        }

        @Override
        public void write(Map<String, AttributeValue> item) {
            items.put(BatchItemWriter.keyOf(item, keyAttributes), item);
            written++;
        }

        @Override
        public long itemsWritten() {
            return written;
        }

        @Override
        public long requestsSent() {
            return 0;
        }
    }
}
