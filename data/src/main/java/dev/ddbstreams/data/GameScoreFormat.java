package dev.ddbstreams.data;

import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Game scores ({@code game_scores.csv}): a header row {@code RecordID,Username,Score,Nickname},
 * then one score per row; RecordID and Score become numbers, Username and Nickname strings.
 */
public final class GameScoreFormat extends RowFormat {

    public static final String NAME = "game-scores";
    public static final List<String> COLUMNS = List.of("RecordID", "Username", "Score", "Nickname");

    public GameScoreFormat() {
        super(NAME, COLUMNS, true, "\n");
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
