package dev.ddbstreams.localcloud.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ddbstreams.localcloud.LocalCloud;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Every operation {@link RequestPermissions} maps, sent with the real SDK client to the local
 * endpoints as a function whose role allows exactly the actions the Service Authorization
 * Reference documents for it, on exactly the resources: it goes through. The same call as a
 * function allowed everything but one of those actions is refused as IAM refuses it, naming that
 * action and resource.
 */
class OperationPermissionsIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/iam-operations.yaml");
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final String TABLE = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/iam-table";
    private static final String OTHER_TABLE = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/iam-other";
    private static final String INDEX = TABLE + "/index/ByName";
    private static final String KINESIS_STREAM = "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/iam-events";
    private static final String DELIVERY_STREAM = "arn:aws:firehose:" + REGION + ":" + ACCOUNT
            + ":deliverystream/iam-archive";
    private static final String QUEUE = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":iam-queue";
    private static final String BUCKET = "arn:aws:s3:::iam-bucket";
    private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("k1"));

    @TempDir
    static Path work;

    private static LocalCloud cloud;
    private static Clients clients;
    private static String queueUrl;

    /** The clients a handler would build, with the SDK's standard configuration (the local cloud's endpoints). */
    record Clients(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, S3Client s3, FirehoseClient firehose,
            KinesisClient kinesis, SqsClient sqs) {
    }

    /** Runs outside the invocation (setting up what the call needs), then gives the call the function makes. */
    interface Call {
        Callable<?> prepare(Clients clients) throws Exception;
    }

    @BeforeAll
    static void startTheCloud() throws Exception {
        cloud = LocalCloud.builder().workFolder(work).start();
        cloud.deploy(TEMPLATE, "iam", Map.of());
        clients = new Clients(cloud.dynamoDb().dynamoDbClient(), DynamoDbStreamsClient.create(), S3Client.create(),
                FirehoseClient.create(), KinesisClient.create(), SqsClient.builder()
                        .endpointOverride(cloud.sqs().orElseThrow().endpoint()).build());
        clients.dynamoDb().putItem(b -> b.tableName("iam-table").item(Map.of("id", AttributeValue.fromS("k1"),
                "name", AttributeValue.fromS("ann"))));
        clients.s3().putObject(b -> b.bucket("iam-bucket").key("a/1.json"), RequestBody.fromString("{}"));
        queueUrl = clients.sqs().getQueueUrl(b -> b.queueName("iam-queue")).queueUrl();
    }

    @AfterAll
    static void stopTheCloud() {
        cloud.close();
    }

    static Stream<Arguments> operations() {
        List<Arguments> rows = new ArrayList<>();
        // DynamoDB: the item and table calls on the table, an IndexName on the index.
        rows.add(row("DynamoDB GetItem", c -> () -> c.dynamoDb().getItem(b -> b.tableName("iam-table").key(KEY)),
                "dynamodb:GetItem", TABLE));
        rows.add(row("DynamoDB PutItem", c -> () -> c.dynamoDb().putItem(b -> b.tableName("iam-table")
                .item(Map.of("id", AttributeValue.fromS("k2")))), "dynamodb:PutItem", TABLE));
        rows.add(row("DynamoDB UpdateItem", c -> () -> c.dynamoDb().updateItem(b -> b.tableName("iam-table").key(KEY)
                .updateExpression("SET n = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1")))),
                "dynamodb:UpdateItem", TABLE));
        rows.add(row("DynamoDB DeleteItem", c -> () -> c.dynamoDb().deleteItem(b -> b.tableName("iam-table")
                .key(Map.of("id", AttributeValue.fromS("gone")))), "dynamodb:DeleteItem", TABLE));
        rows.add(row("DynamoDB Query", c -> () -> c.dynamoDb().query(b -> b.tableName("iam-table")
                .keyConditionExpression("id = :id").expressionAttributeValues(Map.of(":id", AttributeValue.fromS("k1")))),
                "dynamodb:Query", TABLE));
        rows.add(row("DynamoDB Query on an index", c -> () -> c.dynamoDb().query(b -> b.tableName("iam-table")
                .indexName("ByName").keyConditionExpression("#n = :n").expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("ann")))), "dynamodb:Query", INDEX));
        rows.add(row("DynamoDB Scan", c -> () -> c.dynamoDb().scan(b -> b.tableName("iam-table")), "dynamodb:Scan",
                TABLE));
        rows.add(row("DynamoDB Scan of an index", c -> () -> c.dynamoDb().scan(b -> b.tableName("iam-table")
                .indexName("ByName")), "dynamodb:Scan", INDEX));
        rows.add(row("DynamoDB BatchGetItem", c -> () -> c.dynamoDb().batchGetItem(b -> b.requestItems(Map.of(
                "iam-table", KeysAndAttributes.builder().keys(KEY).build(),
                "iam-other", KeysAndAttributes.builder().keys(KEY).build()))),
                "dynamodb:BatchGetItem", TABLE, "dynamodb:BatchGetItem", OTHER_TABLE));
        rows.add(row("DynamoDB BatchWriteItem", c -> () -> c.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(
                "iam-table", List.of(put("k3")), "iam-other", List.of(put("k3"))))),
                "dynamodb:BatchWriteItem", TABLE, "dynamodb:BatchWriteItem", OTHER_TABLE));
        rows.add(row("DynamoDB TransactGetItems", c -> () -> c.dynamoDb().transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("iam-table").key(KEY)).build(),
                TransactGetItem.builder().get(g -> g.tableName("iam-other").key(KEY)).build())),
                "dynamodb:GetItem", TABLE, "dynamodb:GetItem", OTHER_TABLE));
        rows.add(row("DynamoDB TransactWriteItems", c -> () -> c.dynamoDb().transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("iam-other").item(Map.of("id",
                        AttributeValue.fromS("k4")))).build(),
                TransactWriteItem.builder().conditionCheck(check -> check.tableName("iam-table").key(KEY)
                        .conditionExpression("attribute_exists(id)")).build())),
                "dynamodb:PutItem", OTHER_TABLE, "dynamodb:ConditionCheckItem", TABLE));
        rows.add(row("DynamoDB ExecuteStatement SELECT", c -> () -> c.dynamoDb().executeStatement(b -> b.statement(
                "SELECT * FROM \"iam-table\" WHERE id = 'k1'")), "dynamodb:PartiQLSelect", TABLE));
        rows.add(row("DynamoDB ExecuteStatement SELECT on an index", c -> () -> c.dynamoDb().executeStatement(b -> b
                .statement("select id from \"iam-table\".\"ByName\" where \"name\" = ?")
                .parameters(AttributeValue.fromS("ann"))), "dynamodb:PartiQLSelect", INDEX));
        rows.add(row("DynamoDB ExecuteStatement INSERT", c -> () -> c.dynamoDb().executeStatement(b -> b.statement(
                "INSERT INTO \"iam-other\" VALUE {'id': 'p1'}")), "dynamodb:PartiQLInsert", OTHER_TABLE));
        rows.add(row("DynamoDB ExecuteStatement UPDATE", c -> () -> c.dynamoDb().executeStatement(b -> b.statement(
                "UPDATE \"iam-table\" SET n = 2 WHERE id = 'k1'")), "dynamodb:PartiQLUpdate", TABLE));
        rows.add(row("DynamoDB ExecuteStatement DELETE", c -> () -> c.dynamoDb().executeStatement(b -> b.statement(
                "DELETE FROM \"iam-other\" WHERE id = 'nothing'")), "dynamodb:PartiQLDelete", OTHER_TABLE));
        rows.add(row("DynamoDB BatchExecuteStatement", c -> () -> c.dynamoDb().batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("UPDATE \"iam-table\" SET n = 1 WHERE id = 'k1'").build(),
                BatchStatementRequest.builder().statement("UPDATE \"iam-other\" SET n = 1 WHERE id = 'k3'").build())),
                "dynamodb:PartiQLUpdate", TABLE, "dynamodb:PartiQLUpdate", OTHER_TABLE));
        rows.add(row("DynamoDB ExecuteTransaction", c -> () -> c.dynamoDb().executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder().statement("INSERT INTO \"iam-other\" VALUE {'id': ?}")
                        .parameters(AttributeValue.fromS("p2")).build(),
                ParameterizedStatement.builder().statement("EXISTS(SELECT * FROM \"iam-table\" WHERE id = 'k1' AND \"name\" = 'ann')")
                        .build())),
                "dynamodb:PartiQLInsert", OTHER_TABLE, "dynamodb:PartiQLSelect", TABLE));
        rows.add(row("DynamoDB DescribeTable", c -> () -> c.dynamoDb().describeTable(b -> b.tableName("iam-table")),
                "dynamodb:DescribeTable", TABLE));
        rows.add(row("DynamoDB DescribeTimeToLive", c -> () -> c.dynamoDb().describeTimeToLive(b -> b
                .tableName("iam-table")), "dynamodb:DescribeTimeToLive", TABLE));
        rows.add(reachesTheEndpoint("UnknownOperationException", row("DynamoDB ListTagsOfResource", c -> {
            String arn = c.dynamoDb().describeTable(b -> b.tableName("iam-table")).table().tableArn();
            return () -> c.dynamoDb().listTagsOfResource(b -> b.resourceArn(arn));
        }, "dynamodb:ListTagsOfResource", TABLE)));
        rows.add(reachesTheEndpoint("UnknownOperationException", row("DynamoDB ExportTableToPointInTime", c -> {
            String arn = c.dynamoDb().describeTable(b -> b.tableName("iam-table")).table().tableArn();
            return () -> c.dynamoDb().exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket("iam-bucket"));
        }, "dynamodb:ExportTableToPointInTime", TABLE)));
        rows.add(row("DynamoDB UpdateTimeToLive", c -> () -> c.dynamoDb().updateTimeToLive(b -> b.tableName("iam-other")
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true))), "dynamodb:UpdateTimeToLive",
                OTHER_TABLE));
        String extraTable = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/iam-extra";
        rows.add(row("DynamoDB CreateTable", c -> () -> c.dynamoDb().createTable(b -> b.tableName("iam-extra")
                .billingMode("PAY_PER_REQUEST").keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))), "dynamodb:CreateTable",
                extraTable));
        rows.add(row("DynamoDB DeleteTable", c -> () -> c.dynamoDb().deleteTable(b -> b.tableName("iam-extra")),
                "dynamodb:DeleteTable", extraTable));
        rows.add(row("DynamoDB ListTables", c -> () -> c.dynamoDb().listTables(), "dynamodb:ListTables", "*"));
        // DynamoDB Streams: on the stream's ARN (GetRecords: the one its iterator reads), ListStreams on none.
        rows.add(row("DynamoDB Streams DescribeStream", c -> {
            String stream = streamArn(c);
            return () -> c.streams().describeStream(b -> b.streamArn(stream));
        }, "dynamodb:DescribeStream", awsStreamArn()));
        rows.add(row("DynamoDB Streams GetShardIterator", c -> {
            String stream = streamArn(c);
            String shard = c.streams().describeStream(b -> b.streamArn(stream)).streamDescription().shards().get(0)
                    .shardId();
            return () -> c.streams().getShardIterator(b -> b.streamArn(stream).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON));
        }, "dynamodb:GetShardIterator", awsStreamArn()));
        rows.add(row("DynamoDB Streams GetRecords", c -> {
            String stream = streamArn(c);
            String shard = c.streams().describeStream(b -> b.streamArn(stream)).streamDescription().shards().get(0)
                    .shardId();
            String iterator = c.streams().getShardIterator(b -> b.streamArn(stream).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            return () -> c.streams().getRecords(b -> b.shardIterator(iterator));
        }, "dynamodb:GetRecords", awsStreamArn()));
        rows.add(row("DynamoDB Streams ListStreams", c -> () -> c.streams().listStreams(b -> b.tableName("iam-table")),
                "dynamodb:ListStreams", "*"));
        // S3: objects on the object's ARN, a version on the version actions, listings on the bucket.
        rows.add(row("S3 PutObject", c -> () -> c.s3().putObject(b -> b.bucket("iam-bucket").key("a/2.json"),
                RequestBody.fromString("{}")), "s3:PutObject", BUCKET + "/a/2.json"));
        rows.add(row("S3 PutObject with tags and an ACL", c -> () -> c.s3().putObject(b -> b.bucket("iam-bucket")
                .key("a/3.json").tagging("kind=test").acl("private"), RequestBody.fromString("{}")),
                "s3:PutObject", BUCKET + "/a/3.json", "s3:PutObjectAcl", BUCKET + "/a/3.json",
                "s3:PutObjectTagging", BUCKET + "/a/3.json"));
        rows.add(row("S3 GetObject", c -> () -> c.s3().getObjectAsBytes(b -> b.bucket("iam-bucket").key("a/1.json")),
                "s3:GetObject", BUCKET + "/a/1.json"));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 GetObject of a version", c -> () -> c.s3().getObjectAsBytes(b -> b
                .bucket("iam-bucket").key("a/1.json").versionId("v1")), "s3:GetObjectVersion", BUCKET + "/a/1.json")));
        rows.add(row("S3 HeadObject", c -> () -> c.s3().headObject(b -> b.bucket("iam-bucket").key("a/1.json")),
                "s3:GetObject", BUCKET + "/a/1.json"));
        rows.add(row("S3 DeleteObject", c -> () -> c.s3().deleteObject(b -> b.bucket("iam-bucket").key("a/gone.json")),
                "s3:DeleteObject", BUCKET + "/a/gone.json"));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 DeleteObject of a version", c -> () -> c.s3().deleteObject(b -> b
                .bucket("iam-bucket").key("a/1.json").versionId("v1")), "s3:DeleteObjectVersion", BUCKET + "/a/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 DeleteObjects", c -> () -> c.s3().deleteObjects(b -> b.bucket("iam-bucket")
                .delete(d -> d.objects(ObjectIdentifier.builder().key("a/x.json").build(),
                        ObjectIdentifier.builder().key("a/y.json").versionId("v1").build()))),
                "s3:DeleteObject", BUCKET + "/a/x.json", "s3:DeleteObjectVersion", BUCKET + "/a/y.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 CopyObject", c -> () -> c.s3().copyObject(b -> b.sourceBucket("iam-bucket")
                .sourceKey("a/1.json").destinationBucket("iam-bucket").destinationKey("b/1.json")),
                "s3:PutObject", BUCKET + "/b/1.json", "s3:GetObject", BUCKET + "/a/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 CopyObject of a version", c -> () -> c.s3().copyObject(b -> b
                .sourceBucket("iam-bucket").sourceKey("a/1.json").sourceVersionId("v1").destinationBucket("iam-bucket")
                .destinationKey("b/1.json")),
                "s3:PutObject", BUCKET + "/b/1.json", "s3:GetObjectVersion", BUCKET + "/a/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 GetObjectTagging of a version", c -> () -> c.s3()
                .getObjectTagging(b -> b.bucket("iam-bucket").key("a/1.json").versionId("v1")),
                "s3:GetObjectVersionTagging", BUCKET + "/a/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 GetObjectAttributes of a version", c -> () -> c.s3()
                .getObjectAttributes(b -> b.bucket("iam-bucket").key("a/1.json").versionId("v1")
                        .objectAttributes(ObjectAttributes.E_TAG)),
                "s3:GetObjectVersion", BUCKET + "/a/1.json", "s3:GetObjectVersionAttributes", BUCKET + "/a/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 PutObjectAcl", c -> () -> c.s3().putObjectAcl(b -> b
                .bucket("iam-bucket").key("a/1.json").acl("private")), "s3:PutObjectAcl", BUCKET + "/a/1.json")));
        rows.add(row("S3 ListObjectsV2", c -> () -> c.s3().listObjectsV2(b -> b.bucket("iam-bucket").prefix("a/")),
                "s3:ListBucket", BUCKET));
        rows.add(row("S3 ListObjects", c -> () -> c.s3().listObjects(b -> b.bucket("iam-bucket")), "s3:ListBucket",
                BUCKET));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 ListObjectVersions", c -> () -> c.s3().listObjectVersions(b -> b
                .bucket("iam-bucket")), "s3:ListBucketVersions", BUCKET)));
        rows.add(row("S3 HeadBucket", c -> () -> c.s3().headBucket(b -> b.bucket("iam-bucket")), "s3:ListBucket",
                BUCKET));
        rows.add(row("S3 GetBucketLocation", c -> () -> c.s3().getBucketLocation(b -> b.bucket("iam-bucket")),
                "s3:GetBucketLocation", BUCKET));
        // Multipart uploads: the parts and the whole as s3:PutObject, their listings as their own actions.
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 CreateMultipartUpload", c -> () -> c.s3()
                .createMultipartUpload(b -> b.bucket("iam-bucket").key("m/1.json")), "s3:PutObject", BUCKET + "/m/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 UploadPart", c -> () -> c.s3().uploadPart(b -> b
                .bucket("iam-bucket").key("m/1.json").uploadId("u1").partNumber(1), RequestBody.fromString("{}")),
                "s3:PutObject", BUCKET + "/m/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 UploadPartCopy", c -> () -> c.s3().uploadPartCopy(b -> b
                .sourceBucket("iam-bucket").sourceKey("a/1.json").destinationBucket("iam-bucket")
                .destinationKey("m/1.json").uploadId("u1").partNumber(1)),
                "s3:PutObject", BUCKET + "/m/1.json", "s3:GetObject", BUCKET + "/a/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 CompleteMultipartUpload", c -> () -> c.s3()
                .completeMultipartUpload(b -> b.bucket("iam-bucket").key("m/1.json").uploadId("u1")),
                "s3:PutObject", BUCKET + "/m/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 AbortMultipartUpload", c -> () -> c.s3()
                .abortMultipartUpload(b -> b.bucket("iam-bucket").key("m/1.json").uploadId("u1")),
                "s3:AbortMultipartUpload", BUCKET + "/m/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 ListParts", c -> () -> c.s3().listParts(b -> b
                .bucket("iam-bucket").key("m/1.json").uploadId("u1")), "s3:ListMultipartUploadParts",
                BUCKET + "/m/1.json")));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 ListMultipartUploads", c -> () -> c.s3()
                .listMultipartUploads(b -> b.bucket("iam-bucket")), "s3:ListBucketMultipartUploads", BUCKET)));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 GetBucketLifecycleConfiguration", c -> () -> c.s3()
                .getBucketLifecycleConfiguration(b -> b.bucket("iam-bucket")), "s3:GetLifecycleConfiguration", BUCKET)));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 DeleteBucketCors", c -> () -> c.s3()
                .deleteBucketCors(b -> b.bucket("iam-bucket")), "s3:PutBucketCORS", BUCKET)));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 GetBucketEncryption", c -> () -> c.s3()
                .getBucketEncryption(b -> b.bucket("iam-bucket")), "s3:GetEncryptionConfiguration", BUCKET)));
        rows.add(reachesTheEndpoint("NotImplemented", row("S3 GetBucketNotificationConfiguration", c -> () -> c.s3()
                .getBucketNotificationConfiguration(b -> b.bucket("iam-bucket")), "s3:GetBucketNotification", BUCKET)));
        rows.add(row("S3 ListBuckets", c -> () -> c.s3().listBuckets(), "s3:ListAllMyBuckets", "*"));
        // Firehose and Kinesis: on the delivery stream's and the stream's ARN (GetRecords: its iterator's stream).
        rows.add(row("Firehose PutRecord", c -> () -> c.firehose().putRecord(b -> b.deliveryStreamName("iam-archive")
                .record(Record.builder().data(SdkBytes.fromUtf8String("{}\n")).build())),
                "firehose:PutRecord", DELIVERY_STREAM));
        rows.add(row("Firehose PutRecordBatch", c -> () -> c.firehose().putRecordBatch(b -> b
                .deliveryStreamName("iam-archive").records(Record.builder().data(SdkBytes.fromUtf8String("{}\n"))
                        .build())), "firehose:PutRecordBatch", DELIVERY_STREAM));
        rows.add(row("Firehose DescribeDeliveryStream", c -> () -> c.firehose().describeDeliveryStream(b -> b
                .deliveryStreamName("iam-archive")), "firehose:DescribeDeliveryStream", DELIVERY_STREAM));
        rows.add(row("Firehose ListDeliveryStreams", c -> () -> c.firehose().listDeliveryStreams(b -> { }),
                "firehose:ListDeliveryStreams", "*"));
        rows.add(row("Kinesis CreateStream", c -> () -> c.kinesis().createStream(b -> b.streamName("iam-more")
                .shardCount(1)), "kinesis:CreateStream", "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/iam-more"));
        rows.add(row("Kinesis PutRecord", c -> () -> c.kinesis().putRecord(b -> b.streamName("iam-events")
                .partitionKey("p").data(SdkBytes.fromUtf8String("{}"))), "kinesis:PutRecord", KINESIS_STREAM));
        rows.add(row("Kinesis PutRecords", c -> () -> c.kinesis().putRecords(b -> b.streamARN(KINESIS_STREAM).records(
                PutRecordsRequestEntry.builder().partitionKey("p").data(SdkBytes.fromUtf8String("{}")).build())),
                "kinesis:PutRecords", KINESIS_STREAM));
        rows.add(row("Kinesis ListShards", c -> () -> c.kinesis().listShards(b -> b.streamName("iam-events")),
                "kinesis:ListShards", KINESIS_STREAM));
        rows.add(row("Kinesis DescribeStream", c -> () -> c.kinesis().describeStream(b -> b.streamName("iam-events")),
                "kinesis:DescribeStream", KINESIS_STREAM));
        rows.add(row("Kinesis DescribeStreamSummary", c -> () -> c.kinesis().describeStreamSummary(b -> b
                .streamName("iam-events")), "kinesis:DescribeStreamSummary", KINESIS_STREAM));
        rows.add(row("Kinesis GetShardIterator", c -> () -> c.kinesis().getShardIterator(b -> b.streamName("iam-events")
                .shardId("shardId-000000000000").shardIteratorType("TRIM_HORIZON")),
                "kinesis:GetShardIterator", KINESIS_STREAM));
        rows.add(row("Kinesis GetRecords", c -> {
            String iterator = c.kinesis().getShardIterator(b -> b.streamName("iam-events")
                    .shardId("shardId-000000000000").shardIteratorType("TRIM_HORIZON")).shardIterator();
            return () -> c.kinesis().getRecords(b -> b.shardIterator(iterator));
        }, "kinesis:GetRecords", KINESIS_STREAM));
        // SQS: on the queue's ARN, a ...Batch call as its single action; ListQueues on none.
        rows.add(row("SQS SendMessage", c -> () -> c.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("m")),
                "sqs:SendMessage", QUEUE));
        rows.add(row("SQS SendMessageBatch", c -> () -> c.sqs().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(
                SendMessageBatchRequestEntry.builder().id("1").messageBody("m").build())), "sqs:SendMessage", QUEUE));
        rows.add(row("SQS ReceiveMessage", c -> () -> c.sqs().receiveMessage(b -> b.queueUrl(queueUrl)),
                "sqs:ReceiveMessage", QUEUE));
        rows.add(row("SQS DeleteMessage", c -> {
            String receipt = receiptHandle(c);
            return () -> c.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receipt));
        }, "sqs:DeleteMessage", QUEUE));
        rows.add(row("SQS DeleteMessageBatch", c -> {
            String receipt = receiptHandle(c);
            return () -> c.sqs().deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(
                    DeleteMessageBatchRequestEntry.builder().id("1").receiptHandle(receipt).build()));
        }, "sqs:DeleteMessage", QUEUE));
        rows.add(row("SQS ChangeMessageVisibility", c -> {
            String receipt = receiptHandle(c);
            return () -> c.sqs().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receipt)
                    .visibilityTimeout(0));
        }, "sqs:ChangeMessageVisibility", QUEUE));
        rows.add(row("SQS ChangeMessageVisibilityBatch", c -> {
            String receipt = receiptHandle(c);
            return () -> c.sqs().changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(
                    ChangeMessageVisibilityBatchRequestEntry.builder().id("1").receiptHandle(receipt)
                            .visibilityTimeout(0).build()));
        }, "sqs:ChangeMessageVisibility", QUEUE));
        rows.add(row("SQS GetQueueAttributes", c -> () -> c.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNamesWithStrings("All")), "sqs:GetQueueAttributes", QUEUE));
        rows.add(row("SQS GetQueueUrl", c -> () -> c.sqs().getQueueUrl(b -> b.queueName("iam-queue")),
                "sqs:GetQueueUrl", QUEUE));
        rows.add(row("SQS ListQueues", c -> () -> c.sqs().listQueues(), "sqs:ListQueues", "*"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void call_asARoleAllowingExactlyTheDocumentedActions_goesThrough(String operation, Call call,
            List<RequiredPermission> documented, String localError) throws Exception {
        InvocationIdentity function = function(documented.stream()
                .map(p -> PolicyStatement.allow(List.of(p.action()), List.of(p.resource()))).toList());
        Callable<?> request = call.prepare(clients);

        if (localError == null) {
            assertThat((Object) function.callAs(request)).isNotNull();
        } else {
            // Past IAM, on to a local endpoint that does not implement it.
            assertThat(catchThrowableOfType(AwsServiceException.class, () -> function.callAs(request))
                    .awsErrorDetails().errorCode()).isEqualTo(localError);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void call_asARoleAllowingEverythingButOneOfThem_isRefusedNamingThatActionAndResource(String operation, Call call,
            List<RequiredPermission> documented, String localError) throws Exception {
        boolean jsonProtocol = !operation.startsWith("S3 ") && !operation.startsWith("SQS ");
        for (RequiredPermission missing : documented) {
            // Every other action anywhere, and this one on every other resource.
            InvocationIdentity function = function(List.of(
                    new PolicyStatement(true, List.of(missing.action()), true, List.of("*"), false, false),
                    new PolicyStatement(true, List.of(missing.action()), false, List.of(missing.resource()), true, false)));
            Callable<?> request = call.prepare(clients);

            AwsServiceException refused = catchThrowableOfType(AwsServiceException.class, () -> function.callAs(request));

            assertThat(refused).as(missing.toString()).isNotNull();
            assertThat(refused.statusCode()).isEqualTo(jsonProtocol ? 400 : 403);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo(jsonProtocol ? "AccessDeniedException"
                    : "AccessDenied");
            assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::" + ACCOUNT
                    + ":assumed-role/iam-Role/iam-Function is not authorized to perform: " + missing.action()
                    + " on resource: " + missing.resource() + " because no identity-based policy allows the "
                    + missing.action() + " action");
        }
    }

    private static InvocationIdentity function(List<PolicyStatement> statements) {
        return new InvocationIdentity("iam-Function", FunctionPermissions.enforced("iam-Role", ACCOUNT, statements));
    }

    /** @param permissions action, resource, action, resource, ... as the reference documents them */
    private static Arguments row(String operation, Call call, String... permissions) {
        List<RequiredPermission> documented = new ArrayList<>();
        for (int i = 0; i < permissions.length; i += 2) {
            documented.add(new RequiredPermission(permissions[i], permissions[i + 1]));
        }
        return Arguments.of(operation, call, documented, null);
    }

    /**
     * A call the local endpoint does not serve gets past IAM and is answered with the endpoint's
     * own error: the local S3's 501 NotImplemented (versions, multi-object delete, copy, multipart
     * uploads, ACLs, bucket configuration), DynamoDB Local's UnknownOperationException (tagging, export).
     */
    private static Arguments reachesTheEndpoint(String errorCode, Arguments row) {
        Object[] arguments = row.get();
        return Arguments.of(arguments[0], arguments[1], arguments[2], errorCode);
    }

    private static WriteRequest put(String id) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("id", AttributeValue.fromS(id)))
                .build()).build();
    }

    private static String streamArn(Clients c) {
        return c.dynamoDb().describeTable(b -> b.tableName("iam-table")).table().latestStreamArn();
    }

    /** DynamoDB Local's ARNs say region ddblocal and account 000000000000; IAM sees the function's. */
    private static String awsStreamArn() {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":" + streamArn(clients).split(":", 6)[5];
    }

    private static String receiptHandle(Clients c) {
        c.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("m"));
        return c.sqs().receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(30).waitTimeSeconds(1))
                .messages().get(0).receiptHandle();
    }
}
