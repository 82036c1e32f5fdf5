package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What every data set's format does alike: a valid row to its item, a bad row to a reason naming the column. */
class RowFormatTest {

    private static final String LOGFILE_ROW = "104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/wiki/Zürich,200,6493,"
            + "\"Mozilla/5.0 (Macintosh; U; en-us) AppleWebKit/530.17 (KHTML, like Gecko) Safari/530.17\"";

    static Stream<Arguments> validRows() {
        return Stream.of(
                Arguments.of("logfile", LOGFILE_ROW, Map.ofEntries(
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
                                "Mozilla/5.0 (Macintosh; U; en-us) AppleWebKit/530.17 (KHTML, like Gecko) Safari/530.17")))),
                Arguments.of("votes", "234,SOUTH,MORE_TREES", Map.of(
                        "id", AttributeValue.fromS("234"),
                        "region", AttributeValue.fromS("SOUTH"),
                        "improvement", AttributeValue.fromS("MORE_TREES"))),
                Arguments.of("game-scores", "1,Jane Doe,100,JaneD", Map.of(
                        "RecordID", AttributeValue.fromN("1"),
                        "Username", AttributeValue.fromS("Jane Doe"),
                        "Score", AttributeValue.fromN("100"),
                        "Nickname", AttributeValue.fromS("JaneD"))),
                Arguments.of("invoices", InvoiceFormatTest.GOOD_ROW, Map.ofEntries(
                        Map.entry("InvoiceID", AttributeValue.fromS("I#661")),
                        Map.entry("InvoiceDate", AttributeValue.fromS("2017-12-30")),
                        Map.entry("InvoiceBalance", AttributeValue.fromN("7087796.00")),
                        Map.entry("InvoiceStatus", AttributeValue.fromS("Cancelled")),
                        Map.entry("InvoiceDueDate", AttributeValue.fromS("2018-01-29")),
                        Map.entry("BillID", AttributeValue.fromS("B#5252")),
                        Map.entry("BillDueDate", AttributeValue.fromS("2018-01-05")),
                        Map.entry("BillAmount", AttributeValue.fromN("1234.50")),
                        Map.entry("BillBalance", AttributeValue.fromN("0.00")),
                        Map.entry("CustomerID", AttributeValue.fromS("C#101")),
                        Map.entry("CustomerName", AttributeValue.fromS("Acme Logistics, Inc.")),
                        Map.entry("State", AttributeValue.fromS("WA")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRows")
    void toItem_whenRowIsValid_typesAndNamesEveryColumn(String formatName, String row,
            Map<String, AttributeValue> expected) throws RowRejectedException {
        RowFormat format = DataSet.forFormat(formatName).format();

        assertThat(format.toItem(CsvLine.parse(format, row))).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "logfile     | 104010,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,733, | useragent",
        "game-scores | 7,Lily Evans,250,                                        | Nickname",
    })
    void toItem_whenLastColumnIsEmpty_keepsAnEmptyString(String formatName, String row, String attribute)
            throws RowRejectedException {
        RowFormat format = DataSet.forFormat(formatName).format();

        assertThat(format.toItem(CsvLine.parse(format, row))).containsEntry(attribute, AttributeValue.fromS(""));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "game-scores | 1,Jane Doe,100 | expected 4 columns, found 3",
        "game-scores | one,Jane Doe,100,JaneD | column 1 (RecordID): 'one' is not a whole number",
        "game-scores | ,Jane Doe,100,JaneD | column 1 (RecordID): is empty",
        "game-scores | 1,,100,JaneD | column 2 (Username): is empty",
        "game-scores | 1,Jane Doe,99.5,JaneD | column 3 (Score): '99.5' is not a whole number",
        "game-scores | 1,Jane Doe,,JaneD | column 3 (Score): is empty",
        "invoices | 'I#661,12/30/17' | expected 12 columns, found 2",
        "invoices | 'I#661,2017-12-30,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 2 (InvoiceDate): '2017-12-30' is not a date like 12/30/17",
        "invoices | 'I#661,2/30/18,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 2 (InvoiceDate): '2/30/18' is not a date like 12/30/17",
        "invoices | 'I#661,12/30/17,\"$1.00 \",Paid,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 4 (InvoiceStatus): 'Paid' is not one of Open, Cancelled, Closed",
        "invoices | ',12/30/17,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 1 (InvoiceID): is empty",
        "invoices | 'I#661,12/30/17,\"$1.00 \",Open,1/29/18,,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 6 (BillID): is empty",
        "invoices | 'I#661,12/30/17,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"1.00\",C#1,Acme,WA' | column 9 (BillBalance): '1.00' is not a currency amount like \"$1,234.50 \"",
        "invoices | 'I#661,12/30/17,\"7,087,796.00\",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 3 (InvoiceBalance): '7,087,796.00' is not a currency amount like \"$1,234.50 \"",
        "invoices | 'I#661,12/30/17,\"$7.087.796\",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 3 (InvoiceBalance): '$7.087.796' is not a currency amount like \"$1,234.50 \"",
        "invoices | 'I#661,12/30/17,\"$70,87,796\",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 3 (InvoiceBalance): '$70,87,796' is not a currency amount like \"$1,234.50 \"",
        "invoices | 'I#661,12/30/17,\"$\",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 3 (InvoiceBalance): '$' is not a currency amount like \"$1,234.50 \"",
        "invoices | 'I#661,12/30/17,\"-$-5\",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 3 (InvoiceBalance): '-$-5' is not a currency amount like \"$1,234.50 \"",
        "invoices | 'I#661,12/30/17,\"$1.005 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 3 (InvoiceBalance): '$1.005 ' has more than 2 decimal places: amounts are in cents",
        "invoices | 'I#661,12/30/17,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1234567890123456789012345678901234567.00 \",\"$1.00 \",C#1,Acme,WA' | column 8 (BillAmount): '$1234567890123456789012345678901234567.00 ' has more than 36 digits before the point",
        "invoices | 'I#661,12/30/17,\"USD 5\",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 3 (InvoiceBalance): 'USD 5' is not a currency amount like \"$1,234.50 \"",
        "logfile | 104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493 | expected 10 columns, found 9",
        "logfile | 104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493,ua,extra | expected 10 columns, found 11",
        "logfile | abc,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493,ua | column 1 (requestid): 'abc' is not a whole number",
        "logfile | ,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,6493,ua | column 1 (requestid): is empty",
        "logfile | 104009,,2009-07-21,06,GMT-0700,GET,/,200,6493,ua | column 2 (host): is empty",
        "logfile | 104009,66.249.67.3,21/07/2009,06,GMT-0700,GET,/,200,6493,ua | column 3 (date): '21/07/2009' is not a date like 2009-07-21",
        "logfile | 104009,66.249.67.3,2009-07-21,24,GMT-0700,GET,/,200,6493,ua | column 4 (hourofday): 24 is outside 0..23",
        "logfile | 104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,2OO,6493,ua | column 8 (responsecode): '2OO' is not a whole number",
        "logfile | 104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,12.5,ua | column 9 (bytessent): '12.5' is not a whole number",
        "logfile | 104009,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,-1,ua | column 9 (bytessent): -1 is outside 0..9223372036854775807",
        "logfile | 1234567890123456789012345678901234567890,66.249.67.3,2009-07-21,06,GMT-0700,GET,/,200,1,ua | column 1 (requestid): 1234567890123456789012345678901234567890 has more than 38 significant digits, the most a DynamoDB number can hold",
        "votes | 234,SOUTH | expected 3 columns, found 2",
        "votes | 234,SOUTH,MORE_TREES,4 | expected 3 columns, found 4",
        "votes | ,SOUTH,MORE_TREES | column 1 (id): is empty",
        "votes | 234,,MORE_TREES | column 2 (region): is empty",
        "votes | 234,SOUTH,   | column 3 (improvement): is empty",
        "votes | 234,S\uFFFDD,MORE_TREES | column 2 (region): 'S\uFFFDD' is not valid UTF-8 (or holds U+FFFD)",
    })
    void toItem_whenRowIsMalformed_rejectsNamingColumnAndProblem(String formatName, String row, String reason) {
        RowFormat format = DataSet.forFormat(formatName).format();

        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, row)))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage(reason);
    }
}
