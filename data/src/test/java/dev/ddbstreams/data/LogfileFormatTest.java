package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LogfileFormatTest {

    private final LogfileFormat format = new LogfileFormat();

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
}
