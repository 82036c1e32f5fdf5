package dev.ddbstreams.cli.deploy;

import static dev.ddbstreams.cli.deploy.FunctionPermissions.list;
import static dev.ddbstreams.cli.deploy.FunctionPermissions.map;

import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a template gives its resources itself (TableName, Name...), which must start with the
 * {@code NamePrefix} parameter so that copies of a stack share an account and region (a room of
 * learners). Resources without a name get one from CloudFormation, made of the stack name and a
 * random suffix, so they never collide; names scoped inside another resource (a Glue table in its
 * database, a log stream in its group) need no prefix of their own.
 */
final class PhysicalNames {

    static final String PARAMETER = "NamePrefix";
    /** The same AllowedPattern in every template: see {@link #VALID_NAMES} for why it is this narrow. */
    static final String ALLOWED_PATTERN = "([a-z][a-z0-9]{0,15}_)?";

    /** The property path of the name, by resource type. */
    static final Map<String, List<String>> NAME_PROPERTIES = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", List.of("TableName")),
            Map.entry("AWS::Serverless::SimpleTable", List.of("TableName")),
            Map.entry("AWS::Kinesis::Stream", List.of("Name")),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", List.of("DeliveryStreamName")),
            Map.entry("AWS::SQS::Queue", List.of("QueueName")),
            Map.entry("AWS::SNS::Topic", List.of("TopicName")),
            Map.entry("AWS::S3::Bucket", List.of("BucketName")),
            Map.entry("AWS::Serverless::Function", List.of("FunctionName")),
            Map.entry("AWS::Lambda::Function", List.of("FunctionName")),
            Map.entry("AWS::Logs::LogGroup", List.of("LogGroupName")),
            Map.entry("AWS::IAM::Role", List.of("RoleName")),
            Map.entry("AWS::IAM::ManagedPolicy", List.of("ManagedPolicyName")),
            Map.entry("AWS::Glue::Database", List.of("DatabaseInput", "Name")),
            Map.entry("AWS::Athena::WorkGroup", List.of("Name")),
            Map.entry("AWS::CloudWatch::Alarm", List.of("AlarmName")),
            Map.entry("AWS::CloudWatch::Dashboard", List.of("DashboardName")));

    /**
     * What each service accepts as a name (its API reference's pattern and length). Glue database
     * names are held to Athena's rule, lowercase letters, digits and underscores, since Athena queries them.
     */
    static final Map<String, Pattern> VALID_NAMES = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", Pattern.compile("[a-zA-Z0-9_.-]{3,255}")),
            Map.entry("AWS::Serverless::SimpleTable", Pattern.compile("[a-zA-Z0-9_.-]{3,255}")),
            Map.entry("AWS::Kinesis::Stream", Pattern.compile("[a-zA-Z0-9_.-]{1,128}")),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", Pattern.compile("[a-zA-Z0-9_.-]{1,64}")),
            Map.entry("AWS::SQS::Queue", Pattern.compile("[a-zA-Z0-9_-]{1,80}")),
            Map.entry("AWS::SNS::Topic", Pattern.compile("[a-zA-Z0-9_-]{1,256}")),
            Map.entry("AWS::S3::Bucket", Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")),
            Map.entry("AWS::Serverless::Function", Pattern.compile("[a-zA-Z0-9_-]{1,64}")),
            Map.entry("AWS::Lambda::Function", Pattern.compile("[a-zA-Z0-9_-]{1,64}")),
            Map.entry("AWS::Logs::LogGroup", Pattern.compile("[a-zA-Z0-9_/.#-]{1,512}")),
            Map.entry("AWS::IAM::Role", Pattern.compile("[a-zA-Z0-9+=,.@_-]{1,64}")),
            Map.entry("AWS::IAM::ManagedPolicy", Pattern.compile("[a-zA-Z0-9+=,.@_-]{1,128}")),
            Map.entry("AWS::Glue::Database", Pattern.compile("[a-z0-9_]{1,255}")),
            Map.entry("AWS::Athena::WorkGroup", Pattern.compile("[a-zA-Z0-9._-]{1,128}")),
            Map.entry("AWS::CloudWatch::Alarm", Pattern.compile("[^\\p{Cntrl}]{1,255}")),
            Map.entry("AWS::CloudWatch::Dashboard", Pattern.compile("[a-zA-Z0-9_-]{1,255}")));

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** Only literal text before the prefix: {@code /aws/lambda/${NamePrefix}x} is fine, {@code ${Stage}${NamePrefix}x} is not. */
    private static final Pattern STARTS_WITH_PREFIX = Pattern.compile("[^$]*\\$\\{" + PARAMETER + "}.*", Pattern.DOTALL);

    private PhysicalNames() {
    }

    /** The name each resource of the template sets itself, as written (a literal, or an intrinsic function). */
    static Map<String, Object> of(TemplateDocument document) {
        Map<String, Object> names = new LinkedHashMap<>();
        document.resources().forEach((logicalId, resource) -> {
            List<String> path = NAME_PROPERTIES.get(String.valueOf(resource.get("Type")));
            if (path == null) {
                return;
            }
            Object value = document.properties(logicalId);
            for (String key : path) {
                value = map(value).get(key);
            }
            if (value != null) {
                names.put(logicalId, value);
            }
        });
        return names;
    }

    /** True when the name is an {@code Fn::Sub} whose text starts with {@code ${NamePrefix}} (after literal text only). */
    static boolean startsWithPrefix(Object name) {
        return subText(name).filter(text -> STARTS_WITH_PREFIX.matcher(text).matches()).isPresent();
    }

    /**
     * An ARN written out in an {@code Fn::Sub} ({@code arn:${AWS::Partition}:dynamodb:...:table/${TableName}})
     * that names a resource by its name rather than through another resource's attribute, and
     * without the prefix. AWS managed policies ({@code :iam::aws:}) are not the stack's.
     */
    static boolean isUnprefixedArn(Object value) {
        return subText(value).filter(text -> text.startsWith("arn:") && !text.contains(":iam::aws:")
                && !text.contains("${" + PARAMETER + "}")).isPresent();
    }

    /** The {@code Fn::Sub} text of a value: the string form, or the first element of the list form. */
    static Optional<String> subText(Object value) {
        if (!(value instanceof Map<?, ?> intrinsic) || intrinsic.size() != 1 || !intrinsic.containsKey("Fn::Sub")) {
            return Optional.empty();
        }
        Object argument = intrinsic.get("Fn::Sub");
        Object text = argument instanceof List<?> form ? list(form).get(0) : argument;
        return text instanceof String string ? Optional.of(string) : Optional.empty();
    }

    /**
     * The name a copy deployed with {@code prefix} gets: {@code ${NamePrefix}} replaced by it and
     * every other parameter by its Default. A name that uses anything else (a pseudo parameter, a
     * resource attribute) is returned with that variable left in place.
     */
    static String resolve(Object name, String prefix, Map<String, Object> parameters) {
        if (name instanceof String literal) {
            return literal;
        }
        String text = subText(name).orElseThrow(() -> new IllegalArgumentException("not a literal or Fn::Sub: " + name));
        Matcher variable = SUB_VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String key = variable.group(1);
            Object defaultValue = map(parameters.get(key)).get("Default");
            String value = key.equals(PARAMETER) ? prefix : defaultValue != null ? String.valueOf(defaultValue)
                    : variable.group();
            variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        variable.appendTail(resolved);
        return resolved.toString();
    }
}
