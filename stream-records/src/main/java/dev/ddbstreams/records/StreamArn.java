package dev.ddbstreams.records;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a DynamoDB stream ARN: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
record StreamArn(String region, String account, String tableName, String label) {

    // Partitions such as aws-cn and aws-us-gov; DynamoDB Local says region "ddblocal".
    private static final Pattern FORMAT = Pattern.compile(
            "arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\\d{12}):table/([A-Za-z0-9_.-]{1,255})/stream/(.+)");

    static StreamArn parse(String arn, RecordRef record) {
        if (arn == null || arn.isBlank()) {
            throw new ChangeRecordException(record, "no eventSourceARN; expected a DynamoDB stream ARN "
                    + "arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL");
        }
        Matcher parts = FORMAT.matcher(arn);
        if (!parts.matches()) {
            throw new ChangeRecordException(record, "eventSourceARN '" + arn + "' is not a DynamoDB stream ARN "
                    + "arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL");
        }
        return new StreamArn(parts.group(1), parts.group(2), parts.group(3), parts.group(4));
    }
}
