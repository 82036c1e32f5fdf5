package dev.ddbstreams.localcloud.template;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code !GetAtt Table.StreamArn} resolves to locally:
 * {@code arn:aws:dynamodb:<region>:<account>:table/<TableName>/stream/local-cloud-placeholder}.
 *
 * <p>A real stream ARN ends in a label that only exists once the table has been created (and
 * DynamoDB Local's ARNs say region {@code ddblocal}), so the reader cannot know it. The
 * placeholder names the table instead; the stream trigger, or anything that receives the value in
 * an environment variable, asks DynamoDB Local for the table's real stream ARN at run time.
 */
public final class StreamArnPlaceholder {

    public static final String LABEL = "local-cloud-placeholder";

    private static final Pattern FORMAT =
            Pattern.compile("arn:aws:dynamodb:[^:]*:[^:]*:table/([^/]+)/stream/" + Pattern.quote(LABEL));

    private StreamArnPlaceholder() {
    }

    public static String forTable(String region, String accountId, String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName + "/stream/" + LABEL;
    }

    /** The table a placeholder names; empty for anything else, such as a real stream ARN. */
    public static Optional<String> tableName(String value) {
        Matcher matcher = FORMAT.matcher(value);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
