package dev.ddbstreams.localcloud.iam;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The IAM actions and resources AWS authorizes one SDK request against, as the service
 * authorization reference lists them ("Actions, resources, and condition keys for Amazon
 * DynamoDB", and the pages for Amazon S3, Firehose, Kinesis, SQS, SNS and CloudWatch): one
 * {@link RequiredPermission} per table, object, stream or queue the request touches.
 *
 * <p>Services not listed here are not checked (empty).
 */
public final class RequestPermissions {

    private RequestPermissions() {
    }

    /**
     * @param service the SDK's service name ({@code DynamoDb}, {@code S3}, ...)
     * @param operation the SDK's operation name ({@code BatchGetItem}, ...)
     * @param region the client's region: the region of the ARNs it reaches
     * @param accountId the account of those ARNs
     */
    public static Optional<List<RequiredPermission>> of(String service, String operation, String region,
            String accountId, SdkRequest request) {
        Arns arns = new Arns(region, accountId);
        return Optional.ofNullable(switch (service) {
            case "DynamoDb" -> dynamoDb(operation, request, arns);
            case "DynamoDbStreams" -> List.of(new RequiredPermission("dynamodb:" + operation,
                    field(request, "StreamArn").map(arns::localStream).orElse("*")));
            case "S3" -> s3(operation, request);
            case "Firehose" -> List.of(new RequiredPermission("firehose:" + operation,
                    field(request, "DeliveryStreamName").map(name -> arns.of("firehose", "deliverystream/" + name))
                            .orElse("*")));
            case "Kinesis" -> List.of(new RequiredPermission("kinesis:" + operation, field(request, "StreamARN")
                    .or(() -> field(request, "StreamName").map(name -> arns.of("kinesis", "stream/" + name)))
                    .orElse("*")));
            case "Sqs" -> sqs(operation, request, arns);
            case "Sns" -> List.of(new RequiredPermission("sns:" + operation.replace("PublishBatch", "Publish"),
                    field(request, "TopicArn").orElse("*")));
            case "CloudWatch" -> List.of(new RequiredPermission("cloudwatch:" + operation, "*"));
            default -> null;
        });
    }

    private static List<RequiredPermission> dynamoDb(String operation, SdkRequest request, Arns arns) {
        if (request instanceof BatchGetItemRequest batch) {
            return perTable("dynamodb:BatchGetItem", batch.requestItems().keySet(), arns);
        }
        if (request instanceof BatchWriteItemRequest batch) {
            return perTable("dynamodb:BatchWriteItem", batch.requestItems().keySet(), arns);
        }
        if (request instanceof TransactGetItemsRequest transaction) {
            return distinct(transaction.transactItems().stream()
                    .map(item -> new RequiredPermission("dynamodb:GetItem", arns.table(item.get().tableName())))
                    .toList());
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            return distinct(transaction.transactItems().stream().map(item -> transactWrite(item, arns)).toList());
        }
        Optional<String> table = field(request, "TableName");
        if (table.isEmpty()) {
            return List.of(new RequiredPermission("dynamodb:" + operation, "*"));
        }
        String resource = arns.table(table.get()) + field(request, "IndexName").map(index -> "/index/" + index).orElse("");
        return List.of(new RequiredPermission("dynamodb:" + operation, resource));
    }

    /** A transaction is authorized item by item, with the item-level actions. */
    private static RequiredPermission transactWrite(TransactWriteItem item, Arns arns) {
        if (item.put() != null) {
            return new RequiredPermission("dynamodb:PutItem", arns.table(item.put().tableName()));
        }
        if (item.update() != null) {
            return new RequiredPermission("dynamodb:UpdateItem", arns.table(item.update().tableName()));
        }
        if (item.delete() != null) {
            return new RequiredPermission("dynamodb:DeleteItem", arns.table(item.delete().tableName()));
        }
        return new RequiredPermission("dynamodb:ConditionCheckItem", arns.table(item.conditionCheck().tableName()));
    }

    private static List<RequiredPermission> s3(String operation, SdkRequest request) {
        String bucket = field(request, "Bucket").orElse("");
        String bucketArn = "arn:aws:s3:::" + bucket;
        Optional<String> objectArn = field(request, "Key").map(key -> bucketArn + "/" + key);
        return switch (operation) {
            case "ListBuckets" -> List.of(new RequiredPermission("s3:ListAllMyBuckets", "*"));
            case "ListObjects", "ListObjectsV2", "HeadBucket" -> List.of(new RequiredPermission("s3:ListBucket", bucketArn));
            case "HeadObject" -> List.of(new RequiredPermission("s3:GetObject", objectArn.orElseThrow()));
            case "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" ->
                    List.of(new RequiredPermission("s3:PutObject", objectArn.orElseThrow()));
            case "CopyObject" -> List.of(new RequiredPermission("s3:PutObject", objectArn.orElseThrow()),
                    new RequiredPermission("s3:GetObject", "arn:aws:s3:::" + copySource(request)));
            default -> List.of(new RequiredPermission("s3:" + operation, objectArn.orElse(bucketArn)));
        };
    }

    /** {@code CopySource} is URL-encoded {@code bucket/key}, perhaps with a leading slash and a version. */
    private static String copySource(SdkRequest request) {
        Optional<String> encoded = field(request, "CopySource");
        if (encoded.isEmpty()) {
            return field(request, "SourceBucket").orElse("") + "/" + field(request, "SourceKey").orElse("");
        }
        String decoded = URLDecoder.decode(encoded.get(), StandardCharsets.UTF_8);
        int version = decoded.indexOf("?versionId=");
        return (version < 0 ? decoded : decoded.substring(0, version)).replaceFirst("^/", "");
    }

    private static List<RequiredPermission> sqs(String operation, SdkRequest request, Arns arns) {
        String action = "sqs:" + operation.replaceFirst("Batch$", "");
        if (operation.equals("ListQueues")) {
            return List.of(new RequiredPermission(action, "*"));
        }
        Optional<String> queueArn = field(request, "QueueUrl").map(url -> {
            String[] path = URI.create(url).getPath().split("/");
            String name = path[path.length - 1];
            String account = path.length >= 3 ? path[path.length - 2] : arns.accountId();
            return "arn:aws:sqs:" + arns.region() + ":" + account + ":" + name;
        }).or(() -> field(request, "QueueName").map(name -> arns.of("sqs", name)));
        return List.of(new RequiredPermission(action, queueArn.orElse("*")));
    }

    private static List<RequiredPermission> perTable(String action, Set<String> tables, Arns arns) {
        return tables.stream().map(table -> new RequiredPermission(action, arns.table(table))).toList();
    }

    private static List<RequiredPermission> distinct(List<RequiredPermission> permissions) {
        return new ArrayList<>(new LinkedHashSet<>(permissions));
    }

    private static Optional<String> field(SdkRequest request, String name) {
        return request.getValueForField(name, Object.class).map(String::valueOf);
    }

    private record Arns(String region, String accountId) {

        String of(String service, String resource) {
            return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
        }

        /** DynamoDB accepts a table's name or its ARN wherever it takes a table. */
        String table(String nameOrArn) {
            return nameOrArn.startsWith("arn:") ? nameOrArn : of("dynamodb", "table/" + nameOrArn);
        }

        /** DynamoDB Local's stream ARNs say region {@code ddblocal} and account {@code 000000000000}: AWS's would not. */
        String localStream(String streamArn) {
            String[] parts = streamArn.split(":", 6);
            return parts.length == 6 ? of("dynamodb", parts[5]) : streamArn;
        }
    }
}
