package dev.ddbstreams.localcloud.template;

import dev.ddbstreams.localcloud.iam.PolicyStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SAM policy templates the local cloud expands, with the statements the AWS SAM Developer
 * Guide's "AWS SAM policy template list" gives them. Any other template is unknown.
 */
final class SamPolicyTemplates {

    private static final List<String> DYNAMODB_READ = List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query",
            "dynamodb:BatchGetItem", "dynamodb:DescribeTable");
    private static final List<String> DYNAMODB_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem");
    private static final List<String> DYNAMODB_CRUD = List.of("dynamodb:GetItem", "dynamodb:DeleteItem",
            "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
            "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem");
    private static final List<String> S3_READ = List.of("s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
            "s3:GetObjectVersion", "s3:GetLifecycleConfiguration");
    private static final List<String> S3_WRITE = List.of("s3:PutObject", "s3:PutObjectAcl",
            "s3:PutLifecycleConfiguration");
    private static final List<String> S3_CRUD = List.of("s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
            "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration",
            "s3:PutLifecycleConfiguration", "s3:DeleteObject");

    private SamPolicyTemplates() {
    }

    /** @param parameters the template's parameters, intrinsics resolved */
    static Optional<List<PolicyStatement>> expand(String name, StackSettings stack, Map<?, ?> parameters) {
        String prefix = ":" + stack.region() + ":" + stack.accountId() + ":";
        String table = "arn:aws:dynamodb" + prefix + "table/" + parameters.get("TableName");
        List<String> tableAndIndexes = List.of(table, table + "/index/*");
        String bucket = "arn:aws:s3:::" + parameters.get("BucketName");
        List<String> bucketAndObjects = List.of(bucket, bucket + "/*");
        return Optional.ofNullable(switch (name) {
            case "DynamoDBCrudPolicy" -> allow(DYNAMODB_CRUD, tableAndIndexes);
            case "DynamoDBReadPolicy" -> allow(DYNAMODB_READ, tableAndIndexes);
            case "DynamoDBWritePolicy" -> allow(DYNAMODB_WRITE, tableAndIndexes);
            case "S3ReadPolicy" -> allow(S3_READ, bucketAndObjects);
            case "S3WritePolicy" -> allow(S3_WRITE, bucketAndObjects);
            case "S3CrudPolicy" -> allow(S3_CRUD, bucketAndObjects);
            case "SQSSendMessagePolicy" -> allow(List.of("sqs:SendMessage*"),
                    List.of("arn:aws:sqs" + prefix + parameters.get("QueueName")));
            case "SNSPublishMessagePolicy" -> allow(List.of("sns:Publish"),
                    List.of("arn:aws:sns" + prefix + parameters.get("TopicName")));
            case "FirehoseWritePolicy" -> allow(List.of("firehose:PutRecord", "firehose:PutRecordBatch"),
                    List.of("arn:aws:firehose" + prefix + "deliverystream/" + parameters.get("DeliveryStreamName")));
            case "CloudWatchPutMetricPolicy" -> allow(List.of("cloudwatch:PutMetricData"), List.of("*"));
            default -> null;
        });
    }

    private static List<PolicyStatement> allow(List<String> actions, List<String> resources) {
        return List.of(PolicyStatement.allow(actions, resources));
    }
}
