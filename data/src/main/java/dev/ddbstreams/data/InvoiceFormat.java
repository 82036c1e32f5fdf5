package dev.ddbstreams.data;

import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The archive lab's invoice transactions ({@code invoices.csv}): no header, twelve columns, CRLF
 * line ends, one row per bill (an invoice spans several rows).
 *
 * <p>Currency strings such as {@code "$7,087,796.00 "} become exact numbers ({@code 7087796.00}),
 * and US short dates such as {@code 12/30/17} become ISO dates ({@code 2017-12-30}) so that they
 * sort and compare as text. Everything else is kept as a string.
 */
public final class InvoiceFormat extends RowFormat {

    public static final String NAME = "invoices";
    public static final List<String> COLUMNS = List.of(
            "InvoiceID", "InvoiceDate", "InvoiceBalance", "InvoiceStatus", "InvoiceDueDate", "BillID",
            "BillDueDate", "BillAmount", "BillBalance", "CustomerID", "CustomerName", "State");
    public static final List<String> STATUSES = List.of("Open", "Cancelled", "Closed");

    public InvoiceFormat() {
        super(NAME, COLUMNS, false, "\r\n");
    }

    @Override
    public Map<String, AttributeValue> toItem(CSVRecord row) throws RowRejectedException {
        RowFields fields = RowFields.of(row, COLUMNS);
        return new ItemBuilder()
                .string("InvoiceID", fields.nonEmpty(0))
                .string("InvoiceDate", fields.usShortDateAsIso(1))
                .number("InvoiceBalance", fields.currency(2))
                .string("InvoiceStatus", fields.oneOf(3, STATUSES))
                .string("InvoiceDueDate", fields.usShortDateAsIso(4))
                .string("BillID", fields.nonEmpty(5))
                .string("BillDueDate", fields.usShortDateAsIso(6))
                .number("BillAmount", fields.currency(7))
                .number("BillBalance", fields.currency(8))
                .string("CustomerID", fields.nonEmpty(9))
                .string("CustomerName", fields.text(10))
                .string("State", fields.text(11))
                .build();
    }
}
