package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class GameScoreFormatTest {

    private final GameScoreFormat format = new GameScoreFormat();

    @Test
    void toItem_whenRowIsValid_makesTheLabsTestRecord() throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format, "1,Jane Doe,100,JaneD"));

        assertThat(item).containsExactlyInAnyOrderEntriesOf(Map.of(
                "RecordID", AttributeValue.fromN("1"),
                "Username", AttributeValue.fromS("Jane Doe"),
                "Score", AttributeValue.fromN("100"),
                "Nickname", AttributeValue.fromS("JaneD")));
    }

    @Test
    void toItem_whenNicknameIsEmpty_keepsAnEmptyString() throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format, "7,Lily Evans,250,"));

        assertThat(item).containsEntry("Nickname", AttributeValue.fromS(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1,Jane Doe,100 | expected 4 columns, found 3",
        "one,Jane Doe,100,JaneD | column 1 (RecordID): 'one' is not a whole number",
        ",Jane Doe,100,JaneD | column 1 (RecordID): is empty",
        "1,,100,JaneD | column 2 (Username): is empty",
        "1,Jane Doe,99.5,JaneD | column 3 (Score): '99.5' is not a whole number",
        "1,Jane Doe,,JaneD | column 3 (Score): is empty",
    })
    void toItem_whenRowIsMalformed_rejectsNamingColumnAndProblem(String row, String reason) {
        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, row)))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage(reason);
    }
}
