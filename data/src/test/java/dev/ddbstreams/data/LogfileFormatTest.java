package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LogfileFormatTest {

    private static final String GOOD_ROW = "104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/wiki/Zürich,200,6493,"
            + "\"Mozilla/5.0 (Macintosh; U; en-us) AppleWebKit/530.17 (KHTML, like Gecko) Safari/530.17\"";

    private final LogfileFormat format = new LogfileFormat();

    @Test
    void toItem_whenRowIsValid_addsKeysAndTypesEveryColumn() throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format, GOOD_ROW));

        assertThat(item).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("PK", AttributeValue.fromS("request#104009")),
                Map.entry("GSI_1_PK", AttributeValue.fromS("host#66.249.67.3")),
                Map.entry("requestid", AttributeValue.fromN("104009")),
                Map.entry("host", AttributeValue.fromS("66.249.67.3")),
                Map.entry("date", AttributeValue.fromS("2009-07-21")),
                Map.entry("hourofday", AttributeValue.fromN("6")),
                Map.entry("timezone", AttributeValue.fromS("GMT-0700")),
                Map.entry("method", AttributeValue.fromS("GET")),
                Map.entry("url", AttributeValue.fromS("/wiki/Zürich")),
                Map.entry("responsecode", AttributeValue.fromN("200")),
                Map.entry("bytessent", AttributeValue.fromN("6493")),
                Map.entry("useragent", AttributeValue.fromS(
                        "Mozilla/5.0 (Macintosh; U; en-us) AppleWebKit/530.17 (KHTML, like Gecko) Safari/530.17"))));
    }

    @Test
    void toItem_whenResponseCodeIs500_marksServerError() throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format,
                "104010,66.249.67.3,2009-07-21,06,GMT-0700,POST,/login,500,733,curl/7.19.5"));

        assertThat(item).containsEntry("servererror", AttributeValue.fromS("5xx"));
    }

    @ParameterizedTest
    @CsvSource({"200", "404", "503"})
    void toItem_whenResponseCodeIsNot500_leavesServerErrorOut(String responseCode) throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format,
                "104010,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,"  + responseCode + ",733,curl/7.19.5"));

        assertThat(item).doesNotContainKey("servererror");
    }

    @Test
    void toItem_whenUserAgentIsEmpty_keepsAnEmptyString() throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format,
                "104010,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,733,"));

        assertThat(item).containsEntry("useragent", AttributeValue.fromS(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493 | expected 10 columns, found 9",
        "104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493,ua,extra | expected 10 columns, found 11",
        "abc,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493,ua | column 1 (requestid): 'abc' is not a whole number",
        ",66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493,ua | column 1 (requestid): is empty",
        "104009,,2009-07-21,06,GMT-0700,GET,/,200,6493,ua | column 2 (host): is empty",
        "104009,66.249.67.3,21/07/2009,06,GMT-0700,GET,/,200,6493,ua | column 3 (date): '21/07/2009' is not a date like 2009-07-21",
        "104009,66.249.67.3,2009-07-21,24,GMT-0700,GET,/,200,6493,ua | column 4 (hourofday): 24 is outside 0..23",
        "104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,2OO,6493,ua | column 8 (responsecode): '2OO' is not a whole number",
        "104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,12.5,ua | column 9 (bytessent): '12.5' is not a whole number",
        "104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,-1,ua | column 9 (bytessent): -1 is outside 0..9223372036854775807",
    })
    void toItem_whenRowIsMalformed_rejectsNamingColumnAndProblem(String row, String reason) {
        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, row)))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage(reason);
    }

    @Test
    void toItem_whenNumberExceedsDynamoDbPrecision_rejects() {
        String row = "1234567890123456789012345678901234567890,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,1,ua";

        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, row)))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage("column 1 (requestid): 1234567890123456789012345678901234567890 has more than 38"
                        + " significant digits, the most a DynamoDB number can hold");
    }
}
