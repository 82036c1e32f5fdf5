package dev.ddbstreams.localcloud.template;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code Ref} and {@code Fn::GetAtt} return for each resource of the template, locally.
 *
 * <p>Names: a resource's name property (TableName, FunctionName, BucketName, QueueName, ...) when
 * the template sets it, otherwise {@code <StackName>-<LogicalId>} (lower case for buckets, which
 * allow no capitals). AWS appends a random suffix to generated names; locally names must be
 * stable between runs, so there is none. ARNs are built from the name, the region and the
 * account in {@link StackSettings}. {@code GetAtt Table.StreamArn} is a
 * {@link StreamArnPlaceholder}. Resources of types the local cloud does not model get
 * {@code <StackName>-<LogicalId>} for Ref and a placeholder for any attribute, so that a role's
 * ARN in a function's Role property resolves without error.
 */
final class ResourceReferences {

    private final Map<String, Map<String, Object>> resources;
    private final Set<String> notCreated;
    private final StackSettings settings;
    private final Set<String> namesBeingResolved = new HashSet<>();

    /**
     * @param resources the Resources section, by logical id
     * @param notCreated logical ids whose Condition is false: referring to them is an error
     */
    ResourceReferences(Map<String, Map<String, Object>> resources, Set<String> notCreated, StackSettings settings) {
        this.resources = resources;
        this.notCreated = notCreated;
        this.settings = settings;
    }

    /** The resource's Properties as written, intrinsics unresolved; empty if it has none. */
    Map<?, ?> rawProperties(String logicalId) {
        return resources.get(logicalId).get("Properties") instanceof Map<?, ?> map ? map : Map.of();
    }

    /** The logical ids of the created resources of one type. */
    List<String> createdOfType(String type) {
        return resources.keySet().stream()
                .filter(logicalId -> !notCreated.contains(logicalId) && type(logicalId).equals(type)).toList();
    }

    StackSettings settings() {
        return settings;
    }

    boolean contains(String logicalId) {
        return resources.containsKey(logicalId);
    }

    String type(String logicalId) {
        return String.valueOf(resources.get(logicalId).get("Type"));
    }

    Object ref(String logicalId, IntrinsicResolver resolver, String path) {
        requireCreated(logicalId, path);
        String name = name(logicalId, resolver);
        switch (type(logicalId)) {
            case "AWS::SQS::Queue":
                return "https://sqs." + settings.region() + ".amazonaws.com/" + settings.accountId() + "/" + name;
            case "AWS::SNS::Topic":
                return arn("sns", name);
            default:
                return name;
        }
    }

    Object getAtt(String logicalId, String attribute, IntrinsicResolver resolver, String path) {
        requireCreated(logicalId, path);
        String type = type(logicalId);
        String name = name(logicalId, resolver);
        Optional<String> value = switch (type) {
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> switch (attribute) {
                case "Arn" -> Optional.of(arn("dynamodb", "table/" + name));
                case "StreamArn" -> Optional.of(
                        StreamArnPlaceholder.forTable(settings.region(), settings.accountId(), name));
                default -> Optional.empty();
            };
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> attribute.equals("Arn")
                    ? Optional.of(arn("lambda", "function:" + name)) : Optional.empty();
            case "AWS::S3::Bucket" -> switch (attribute) {
                case "Arn" -> Optional.of("arn:aws:s3:::" + name);
                case "DomainName" -> Optional.of(name + ".s3.amazonaws.com");
                case "RegionalDomainName" -> Optional.of(name + ".s3." + settings.region() + ".amazonaws.com");
                default -> Optional.empty();
            };
            case "AWS::KinesisFirehose::DeliveryStream" -> attribute.equals("Arn")
                    ? Optional.of(arn("firehose", "deliverystream/" + name)) : Optional.empty();
            case "AWS::Kinesis::Stream" -> attribute.equals("Arn")
                    ? Optional.of(arn("kinesis", "stream/" + name)) : Optional.empty();
            case "AWS::SQS::Queue" -> switch (attribute) {
                case "Arn" -> Optional.of(arn("sqs", name));
                case "QueueName" -> Optional.of(name);
                case "QueueUrl" -> Optional.of(String.valueOf(ref(logicalId, resolver, path)));
                default -> Optional.empty();
            };
            case "AWS::IAM::Role" -> switch (attribute) {
                case "Arn" -> Optional.of("arn:aws:iam::" + settings.accountId() + ":role/" + name);
                case "RoleId" -> Optional.of(logicalId + ".RoleId");
                default -> Optional.empty();
            };
            case "AWS::SNS::Topic" -> switch (attribute) {
                case "TopicArn" -> Optional.of(arn("sns", name));
                case "TopicName" -> Optional.of(name);
                default -> Optional.empty();
            };
            default -> Optional.of(attribute.endsWith("Arn")
                    ? arn(service(type), logicalId)
                    : logicalId + "." + attribute); // not run locally: any stable placeholder will do
        };
        return value.orElseThrow(() -> TemplateException.at(path, "!GetAtt " + logicalId + "." + attribute
                + ": a " + type + " has no attribute '" + attribute + "' the local cloud knows"));
    }

    /** The logical id of a resource of one of the given types whose Ref or Arn-like attribute is {@code value}. */
    Optional<String> logicalIdOf(String value, List<String> types, IntrinsicResolver resolver) {
        for (String logicalId : resources.keySet()) {
            if (notCreated.contains(logicalId) || !types.contains(type(logicalId))) {
                continue;
            }
            String at = logicalId;
            if (value.equals(String.valueOf(ref(logicalId, resolver, at)))) {
                return Optional.of(logicalId);
            }
            for (String attribute : List.of("Arn", "StreamArn", "TopicArn")) {
                if (hasAttribute(logicalId, attribute) && value.equals(getAtt(logicalId, attribute, resolver, at))) {
                    return Optional.of(logicalId);
                }
            }
        }
        return Optional.empty();
    }

    /** The resource's physical name: its name property, or {@code <StackName>-<LogicalId>}. */
    String name(String logicalId, IntrinsicResolver resolver) {
        String type = type(logicalId);
        String property = nameProperty(type);
        Object properties = resources.get(logicalId).get("Properties");
        if (property != null && properties instanceof Map<?, ?> map && map.containsKey(property)) {
            String path = logicalId + ".Properties." + property;
            if (!namesBeingResolved.add(logicalId)) {
                throw TemplateException.at(path, "the name refers to itself");
            }
            try {
                return IntrinsicResolver.scalarText(resolver.resolve(map.get(property), path), path);
            } finally {
                namesBeingResolved.remove(logicalId);
            }
        }
        String generated = settings.stackName() + "-" + logicalId;
        return type.equals("AWS::S3::Bucket") ? generated.toLowerCase(Locale.ROOT) : generated;
    }

    private boolean hasAttribute(String logicalId, String attribute) {
        return switch (type(logicalId)) {
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" ->
                    attribute.equals("Arn") || attribute.equals("StreamArn");
            case "AWS::SNS::Topic" -> attribute.equals("TopicArn");
            default -> attribute.equals("Arn");
        };
    }

    private void requireCreated(String logicalId, String path) {
        if (notCreated.contains(logicalId)) {
            throw TemplateException.at(path, "resource " + logicalId + " is not created: its Condition "
                    + resources.get(logicalId).get("Condition") + " is false");
        }
    }

    private static String nameProperty(String type) {
        return switch (type) {
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> "TableName";
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> "FunctionName";
            case "AWS::S3::Bucket" -> "BucketName";
            case "AWS::KinesisFirehose::DeliveryStream" -> "DeliveryStreamName";
            case "AWS::Kinesis::Stream" -> "Name";
            case "AWS::SQS::Queue" -> "QueueName";
            case "AWS::SNS::Topic" -> "TopicName";
            case "AWS::IAM::Role" -> "RoleName";
            default -> null;
        };
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + settings.region() + ":" + settings.accountId() + ":" + resource;
    }

    /** {@code AWS::IAM::Role} -> {@code iam}. */
    private static String service(String type) {
        String[] parts = type.split("::");
        return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
    }
}
