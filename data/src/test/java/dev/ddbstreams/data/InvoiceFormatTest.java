package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class InvoiceFormatTest {

    static final String GOOD_ROW = "I#661,12/30/17,\"$7,087,796.00 \",Cancelled,1/29/18,B#5252,1/5/18,"
            + "\"$1,234.50 \",\"$0.00 \",C#101,\"Acme Logistics, Inc.\",WA";

    private final InvoiceFormat format = new InvoiceFormat();

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
}
