package dev.ddbstreams.data;

import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Game scores ({@code game_scores.csv}): a header row {@code RecordID,Username,Score,Nickname},
 * then one score per row; RecordID and Score become numbers, Username and Nickname strings.
 */
public final class GameScoreFormat implements RowFormat {

    public static final String NAME = "game-scores";
    public static final List<String> COLUMNS = List.of("RecordID", "Username", "Score", "Nickname");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public boolean hasHeaderRow() {
        return true;
    }

    @Override
    public CSVFormat csvFormat() {
        return CsvFormats.rfc4180("\n");
    }

    @Override
    public Map<String, AttributeValue> toItem(CSVRecord row) throws RowRejectedException {
        RowFields fields = RowFields.of(row, COLUMNS);
        return new ItemBuilder()
                .number("RecordID", fields.integer(0))
                .string("Username", fields.nonEmpty(1))
                .number("Score", fields.integer(2))
                .string("Nickname", fields.text(3))
                .build();
    }
}
