package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class VoteFormatTest {

    private final VoteFormat format = new VoteFormat();

    @Test
    void toItem_whenRowIsValid_makesTheSeedItem() throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format, "234,SOUTH,MORE_TREES"));

        assertThat(item).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", AttributeValue.fromS("234"),
                "region", AttributeValue.fromS("SOUTH"),
                "improvement", AttributeValue.fromS("MORE_TREES")));
    }

    @Test
    void toItem_whenFieldHoldsReplacementCharacter_rejectsAsNotUtf8() {
        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, "234,S\uFFFDD,MORE_TREES")))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage("column 2 (region): 'S\uFFFDD' is not valid UTF-8 (or holds U+FFFD)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "234,SOUTH | expected 3 columns, found 2",
        "234,SOUTH,MORE_TREES,4 | expected 3 columns, found 4",
        ",SOUTH,MORE_TREES | column 1 (id): is empty",
        "234,,MORE_TREES | column 2 (region): is empty",
        "234,SOUTH,   | column 3 (improvement): is empty",
    })
    void toItem_whenRowIsMalformed_rejectsNamingColumnAndProblem(String row, String reason) {
        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, row)))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage(reason);
    }
}
