package dev.ddbstreams.localcloud.iam;

import dev.ddbstreams.localcloud.kinesis.LocalKinesisClient;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The IAM actions and resources AWS authorizes one SDK request against, as the Service
 * Authorization Reference maps API operations to actions
 * (<a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html">Amazon DynamoDB</a>,
 * and the pages for Amazon S3, Amazon Kinesis, Amazon Data Firehose, Amazon SQS, Amazon SNS and
 * Amazon CloudWatch): one {@link RequiredPermission} per table, index, stream, object or queue
 * the request touches. Most operations need the action of their own name; the exceptions are
 * spelled out below (PartiQL by statement kind, S3's versions, multi-object delete, listings and
 * bucket configuration, SQS's batches).
 *
 * <p>Services not listed here are not checked (empty).
 */
public final class RequestPermissions {

    /** Bucket configuration calls whose action is named after the configuration, not the call; deleting one is putting it. */
    private static final Map<String, String> S3_BUCKET_CONFIGURATION_ACTIONS = Map.ofEntries(
            Map.entry("GetBucketLifecycleConfiguration", "GetLifecycleConfiguration"),
            Map.entry("PutBucketLifecycleConfiguration", "PutLifecycleConfiguration"),
            Map.entry("DeleteBucketLifecycle", "PutLifecycleConfiguration"),
            Map.entry("GetBucketCors", "GetBucketCORS"),
            Map.entry("PutBucketCors", "PutBucketCORS"),
            Map.entry("DeleteBucketCors", "PutBucketCORS"),
            Map.entry("GetBucketEncryption", "GetEncryptionConfiguration"),
            Map.entry("PutBucketEncryption", "PutEncryptionConfiguration"),
            Map.entry("DeleteBucketEncryption", "PutEncryptionConfiguration"),
            Map.entry("GetBucketNotificationConfiguration", "GetBucketNotification"),
            Map.entry("PutBucketNotificationConfiguration", "PutBucketNotification"),
            Map.entry("DeleteBucketTagging", "PutBucketTagging"),
            Map.entry("GetBucketReplication", "GetReplicationConfiguration"),
            Map.entry("PutBucketReplication", "PutReplicationConfiguration"),
            Map.entry("DeleteBucketReplication", "PutReplicationConfiguration"));

    /** The object calls with an action of their own for one version of the object. */
    private static final Set<String> VERSIONED_S3_OBJECT_ACTIONS = Set.of("GetObject", "DeleteObject", "GetObjectAcl",
            "PutObjectAcl", "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", "GetObjectAttributes");

    /** The account DynamoDB Local's ARNs and ElasticMQ's queue URLs name. */
    private static final String LOCAL_ACCOUNT = "000000000000";

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
                    field(request, "StreamArn").or(() -> field(request, "ShardIterator").flatMap(
                            RequestPermissions::streamOfIterator)).map(arns::dynamoDbLocal).orElse("*")));
            case "S3" -> s3(operation, request);
            case "Firehose" -> List.of(new RequiredPermission("firehose:" + operation,
                    field(request, "DeliveryStreamName").map(name -> arns.of("firehose", "deliverystream/" + name))
                            .orElse("*")));
            case "Kinesis" -> List.of(new RequiredPermission("kinesis:" + operation, field(request, "ConsumerARN")
                    .or(() -> field(request, "StreamARN"))
                    .or(() -> field(request, "StreamName")
                            .or(() -> field(request, "ShardIterator").flatMap(LocalKinesisClient::streamNameOf))
                            .map(name -> arns.of("kinesis", "stream/" + name)))
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
        if (request instanceof ExecuteStatementRequest statement) {
            return partiQl(List.of(statement.statement()), arns);
        }
        if (request instanceof BatchExecuteStatementRequest batch) {
            return partiQl(batch.statements().stream().map(BatchStatementRequest::statement).toList(), arns);
        }
        if (request instanceof ExecuteTransactionRequest transaction) {
            return partiQl(transaction.transactStatements().stream().map(ParameterizedStatement::statement).toList(),
                    arns);
        }
        // Tagging and export calls name the table by ARN; ListTables, DescribeLimits and DescribeEndpoints no resource.
        String resource = field(request, "TableName").map(table -> arns.table(table)
                + field(request, "IndexName").map(index -> "/index/" + index).orElse(""))
                .or(() -> field(request, "TableArn").or(() -> field(request, "ResourceArn")).map(arns::dynamoDbLocal))
                .orElse("*");
        return List.of(new RequiredPermission("dynamodb:" + operation, resource));
    }

    /** One PartiQL action per statement kind and table (or index); a statement that names none is DynamoDB's to reject. */
    private static List<RequiredPermission> partiQl(List<String> statements, Arns arns) {
        return distinct(statements.stream().flatMap(statement -> PartiQlStatement.parse(statement).stream())
                .map(parsed -> new RequiredPermission(parsed.action(), arns.table(parsed.table())
                        + parsed.index().map(index -> "/index/" + index).orElse("")))
                .toList());
    }

    /** A DynamoDB Streams iterator starts with its stream's ARN ({@code ...|arn:aws:dynamodb:...:table/T/stream/L|...}). */
    private static Optional<String> streamOfIterator(String iterator) {
        return Arrays.stream(iterator.split("\\|")).filter(part -> part.startsWith("arn:aws:dynamodb:")).findFirst();
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
        String bucketArn = "arn:aws:s3:::" + field(request, "Bucket").orElse("");
        Optional<String> objectArn = field(request, "Key").map(key -> bucketArn + "/" + key);
        boolean version = field(request, "VersionId").isPresent();
        return switch (operation) {
            case "ListBuckets" -> List.of(new RequiredPermission("s3:ListAllMyBuckets", "*"));
            case "ListObjects", "ListObjectsV2", "HeadBucket" -> List.of(new RequiredPermission("s3:ListBucket", bucketArn));
            case "ListObjectVersions" -> List.of(new RequiredPermission("s3:ListBucketVersions", bucketArn));
            case "ListMultipartUploads" -> List.of(new RequiredPermission("s3:ListBucketMultipartUploads", bucketArn));
            case "ListParts" -> List.of(new RequiredPermission("s3:ListMultipartUploadParts", objectArn.orElseThrow()));
            case "HeadObject" -> List.of(new RequiredPermission(s3ObjectAction("GetObject", version), objectArn.orElseThrow()));
            case "DeleteObjects" -> deleteObjects(request, bucketArn);
            // Its reference page: the object's read action and the attributes' one.
            case "GetObjectAttributes" -> List.of(
                    new RequiredPermission(s3ObjectAction("GetObject", version), objectArn.orElseThrow()),
                    new RequiredPermission(s3ObjectAction("GetObjectAttributes", version), objectArn.orElseThrow()));
            case "PutObject", "CreateMultipartUpload" -> putObject(request, objectArn.orElseThrow());
            case "UploadPart", "CompleteMultipartUpload" ->
                    List.of(new RequiredPermission("s3:PutObject", objectArn.orElseThrow()));
            case "CopyObject", "UploadPartCopy" -> {
                CopySource source = copySource(request);
                yield List.of(new RequiredPermission("s3:PutObject", objectArn.orElseThrow()),
                        new RequiredPermission(s3ObjectAction("GetObject", source.versioned()),
                                "arn:aws:s3:::" + source.bucketAndKey()));
            }
            default -> List.of(new RequiredPermission(s3ObjectAction(
                    S3_BUCKET_CONFIGURATION_ACTIONS.getOrDefault(operation, operation), version),
                    objectArn.orElse(bucketArn)));
        };
    }

    /**
     * A call on one version of an object needs the version's action: {@code s3:GetObjectVersion},
     * {@code s3:DeleteObjectVersion}, {@code s3:GetObjectVersionTagging}, {@code s3:PutObjectVersionAcl}, ...
     */
    private static String s3ObjectAction(String operation, boolean version) {
        return "s3:" + (version && VERSIONED_S3_OBJECT_ACTIONS.contains(operation)
                ? operation.replaceFirst("Object", "ObjectVersion") : operation);
    }

    /** Setting the new object's ACL or tags as it is written needs their actions too (PutObject's reference page). */
    private static List<RequiredPermission> putObject(SdkRequest request, String objectArn) {
        List<RequiredPermission> needed = new ArrayList<>(List.of(new RequiredPermission("s3:PutObject", objectArn)));
        if (Stream.of("ACL", "GrantFullControl", "GrantRead", "GrantReadACP", "GrantWriteACP")
                .anyMatch(name -> field(request, name).isPresent())) {
            needed.add(new RequiredPermission("s3:PutObjectAcl", objectArn));
        }
        if (field(request, "Tagging").isPresent()) {
            needed.add(new RequiredPermission("s3:PutObjectTagging", objectArn));
        }
        return needed;
    }

    /** Multi-object delete is authorized object by object, as DeleteObject: there is no s3:DeleteObjects action. */
    private static List<RequiredPermission> deleteObjects(SdkRequest request, String bucketArn) {
        List<?> objects = member(request.getValueForField("Delete", Object.class).orElse(null), "Objects")
                .map(List.class::cast).orElse(List.of());
        return distinct(objects.stream().map(object -> new RequiredPermission(
                s3ObjectAction("DeleteObject", member(object, "VersionId").isPresent()),
                bucketArn + "/" + member(object, "Key").orElse(""))).toList());
    }

    private record CopySource(String bucketAndKey, boolean versioned) {
    }

    /** {@code CopySource} is URL-encoded {@code bucket/key}, perhaps with a leading slash and a version. */
    private static CopySource copySource(SdkRequest request) {
        Optional<String> encoded = field(request, "CopySource");
        if (encoded.isEmpty()) {
            return new CopySource(field(request, "SourceBucket").orElse("") + "/" + field(request, "SourceKey").orElse(""),
                    field(request, "SourceVersionId").isPresent());
        }
        String decoded = URLDecoder.decode(encoded.get(), StandardCharsets.UTF_8);
        int version = decoded.indexOf("?versionId=");
        return new CopySource((version < 0 ? decoded : decoded.substring(0, version)).replaceFirst("^/", ""), version >= 0);
    }

    private static List<RequiredPermission> sqs(String operation, SdkRequest request, Arns arns) {
        String action = "sqs:" + operation.replaceFirst("Batch$", "");
        if (operation.equals("ListQueues")) {
            return List.of(new RequiredPermission(action, "*"));
        }
        Optional<String> queueArn = field(request, "QueueUrl").map(url -> {
            String[] path = URI.create(url).getPath().split("/");
            String name = path[path.length - 1];
            // ElasticMQ's queue URLs say account 000000000000; AWS's say the queue owner's.
            String account = path.length >= 3 && !path[path.length - 2].equals(LOCAL_ACCOUNT) ? path[path.length - 2]
                    : arns.accountId();
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

    /** A member of a nested structure (the S3 model is not on this module's class path). */
    private static Optional<Object> member(Object structure, String name) {
        if (!(structure instanceof SdkPojo pojo)) {
            return Optional.empty();
        }
        return pojo.sdkFields().stream().filter(field -> field.memberName().equals(name)).findFirst()
                .map(field -> ((SdkField<?>) field).getValueOrDefault(pojo));
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
            return nameOrArn.startsWith("arn:") ? dynamoDbLocal(nameOrArn) : of("dynamodb", "table/" + nameOrArn);
        }

        /**
         * DynamoDB Local's ARNs (tables, streams) say region {@code ddblocal} and account
         * {@code 000000000000}: AWS's would say the client's region and the function's account.
         */
        String dynamoDbLocal(String arn) {
            String[] parts = arn.split(":", 6);
            boolean local = parts.length == 6 && parts[3].equals("ddblocal") && parts[4].equals(LOCAL_ACCOUNT);
            return local ? of("dynamodb", parts[5]) : arn;
        }
    }
}
