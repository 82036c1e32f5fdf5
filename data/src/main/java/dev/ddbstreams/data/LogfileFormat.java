package dev.ddbstreams.data;

import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The replication lab's web server log ({@code logfile_stream.csv}): no header, ten columns.
 *
 * <p>Each row becomes an item keyed {@code PK = "request#<requestid>"}, with
 * {@code GSI_1_PK = "host#<host>"} for the per-host index, the numeric columns as numbers, and
 * {@code servererror = "5xx"} only on rows whose responsecode is 500: a sparse attribute, so an
 * index on it would hold just the server errors.
 */
public final class LogfileFormat extends RowFormat {

    public static final String NAME = "logfile";
    public static final List<String> COLUMNS = List.of(
            "requestid", "host", "date", "hourofday", "timezone", "method", "url", "responsecode", "bytessent",
            "useragent");

    private static final int REQUEST_ID = 0;
    private static final int HOST = 1;
    private static final int DATE = 2;
    private static final int HOUR_OF_DAY = 3;
    private static final int TIMEZONE = 4;
    private static final int METHOD = 5;
    private static final int URL = 6;
    private static final int RESPONSE_CODE = 7;
    private static final int BYTES_SENT = 8;
    private static final int USER_AGENT = 9;

    public LogfileFormat() {
        super(NAME, COLUMNS, false, "\n");
    }

    @Override
    public Map<String, AttributeValue> toItem(CSVRecord row) throws RowRejectedException {
        RowFields fields = RowFields.of(row, COLUMNS);
        String requestId = fields.integer(REQUEST_ID);
        String host = fields.nonEmpty(HOST);
        String responseCode = fields.integerBetween(RESPONSE_CODE, 100, 599);
        ItemBuilder item = new ItemBuilder()
                .string("PK", "request#" + requestId)
                .string("GSI_1_PK", "host#" + host)
                .number("requestid", requestId)
                .string("host", host)
                .string("date", fields.isoDate(DATE))
                .number("hourofday", fields.integerBetween(HOUR_OF_DAY, 0, 23))
                .string("timezone", fields.nonEmpty(TIMEZONE))
                .string("method", fields.nonEmpty(METHOD))
                .string("url", fields.nonEmpty(URL))
                .number("responsecode", responseCode)
                .number("bytessent", fields.integerBetween(BYTES_SENT, 0, Long.MAX_VALUE))
                .string("useragent", fields.text(USER_AGENT));
        if (responseCode.equals("500")) {
            item.string("servererror", "5xx");
        }
        return item.build();
    }
}
