package dev.ddbstreams.data;

import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Votes for city improvements ({@code votes.csv}): a header row {@code id,region,improvement},
 * then one vote per row, every column a string attribute. Region and improvement become the
 * aggregation table's key, so they must not be empty.
 */
public final class VoteFormat extends RowFormat {

    public static final String NAME = "votes";
    public static final List<String> COLUMNS = List.of("id", "region", "improvement");

    public VoteFormat() {
        super(NAME, COLUMNS, true, "\n");
    }

    @Override
    public Map<String, AttributeValue> toItem(CSVRecord row) throws RowRejectedException {
        RowFields fields = RowFields.of(row, COLUMNS);
        return new ItemBuilder()
                .string("id", fields.nonEmpty(0))
                .string("region", fields.nonEmpty(1))
                .string("improvement", fields.nonEmpty(2))
                .build();
    }
}
