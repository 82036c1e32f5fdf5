package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class InvoiceFormatTest {

    private static final String GOOD_ROW = "I#661,12/30/17,\"$7,087,796.00 \",Cancelled,1/29/18,B#5252,1/5/18,"
            + "\"$1,234.50 \",\"$0.00 \",C#101,\"Acme Logistics, Inc.\",WA";

    private final InvoiceFormat format = new InvoiceFormat();

    @Test
    void toItem_whenRowIsValid_convertsAmountsAndDates() throws RowRejectedException {
        Map<String, AttributeValue> item = format.toItem(CsvLine.parse(format, GOOD_ROW));

        assertThat(item).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
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
                Map.entry("State", AttributeValue.fromS("WA"))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "$7,087,796.00  | 7087796.00",
        "$12            | 12",
        "$0.5           | 0.5",
        "-$1,000.00     | -1000.00",
        "$-42.10        | -42.10",
        "$1234567.89    | 1234567.89",
    })
    void toItem_whenBalanceIsACurrencyString_keepsTheExactAmount(String balance, String number)
            throws RowRejectedException {
        String row = GOOD_ROW.replace("\"$7,087,796.00 \"", "\"" + balance + " \"");

        assertThat(format.toItem(CsvLine.parse(format, row))).containsEntry("InvoiceBalance",
                AttributeValue.fromN(number));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "7,087,796.00 | column 3 (InvoiceBalance): '7,087,796.00' is not a currency amount like \"$1,234.50 \"",
        "$7.087.796   | column 3 (InvoiceBalance): '$7.087.796' is not a currency amount like \"$1,234.50 \"",
        "$70,87,796   | column 3 (InvoiceBalance): '$70,87,796' is not a currency amount like \"$1,234.50 \"",
        "$            | column 3 (InvoiceBalance): '$' is not a currency amount like \"$1,234.50 \"",
        "-$-5         | column 3 (InvoiceBalance): '-$-5' is not a currency amount like \"$1,234.50 \"",
        "USD 5        | column 3 (InvoiceBalance): 'USD 5' is not a currency amount like \"$1,234.50 \"",
    })
    void toItem_whenCurrencyIsMalformed_rejectsNamingColumnAndValue(String balance, String reason) {
        String row = GOOD_ROW.replace("\"$7,087,796.00 \"", "\"" + balance + "\"");

        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, row)))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'I#661,12/30/17' | expected 12 columns, found 2",
        "'I#661,2017-12-30,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 2 (InvoiceDate): '2017-12-30' is not a date like 12/30/17",
        "'I#661,2/30/18,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 2 (InvoiceDate): '2/30/18' is not a date like 12/30/17",
        "'I#661,12/30/17,\"$1.00 \",Paid,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 4 (InvoiceStatus): 'Paid' is not one of Open, Cancelled, Closed",
        "',12/30/17,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 1 (InvoiceID): is empty",
        "'I#661,12/30/17,\"$1.00 \",Open,1/29/18,,1/5/18,\"$1.00 \",\"$1.00 \",C#1,Acme,WA' | column 6 (BillID): is empty",
        "'I#661,12/30/17,\"$1.00 \",Open,1/29/18,B#1,1/5/18,\"$1.00 \",\"1.00\",C#1,Acme,WA' | column 9 (BillBalance): '1.00' is not a currency amount like \"$1,234.50 \"",
    })
    void toItem_whenRowIsMalformed_rejectsNamingColumnAndProblem(String row, String reason) {
        assertThatThrownBy(() -> format.toItem(CsvLine.parse(format, row)))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage(reason);
    }
}
