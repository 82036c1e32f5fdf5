package dev.ddbstreams.localcloud.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

class RequestPermissionsTest {

    private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/";
    private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("1"));

    private static List<RequiredPermission> of(String service, String operation, software.amazon.awssdk.core.SdkRequest request) {
        return RequestPermissions.of(service, operation, "eu-west-1", "123456789012", request).orElseThrow();
    }

    private static RequiredPermission permission(String action, String resource) {
        return new RequiredPermission(action, resource);
    }

    @Test
    void batchCalls_needTheBatchActionOnEveryTableTheyName() {
        BatchGetItemRequest get = BatchGetItemRequest.builder().requestItems(Map.of(
                "Sums", KeysAndAttributes.builder().keys(KEY).build())).build();
        BatchWriteItemRequest write = BatchWriteItemRequest.builder().requestItems(Map.of(
                "A", List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(KEY).build()).build()),
                "B", List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(KEY).build()).build())))
                .build();

        assertThat(of("DynamoDb", "BatchGetItem", get)).containsExactly(permission("dynamodb:BatchGetItem", ARN + "Sums"));
        assertThat(of("DynamoDb", "BatchWriteItem", write)).containsExactlyInAnyOrder(
                permission("dynamodb:BatchWriteItem", ARN + "A"), permission("dynamodb:BatchWriteItem", ARN + "B"));
    }

    @Test
    void transactWriteItems_needsTheItemLevelActionsPerTable() {
        TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("Windows").item(KEY)).build(),
                TransactWriteItem.builder().update(u -> u.tableName("Totals").key(KEY).updateExpression("SET n = :n"))
                        .build(),
                TransactWriteItem.builder().update(u -> u.tableName("Totals").key(KEY).updateExpression("SET n = :n"))
                        .build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("Gates").key(KEY)
                        .conditionExpression("attribute_exists(id)")).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("Old").key(KEY)).build()).build();

        assertThat(of("DynamoDb", "TransactWriteItems", transaction)).containsExactly(
                permission("dynamodb:PutItem", ARN + "Windows"),
                permission("dynamodb:UpdateItem", ARN + "Totals"),
                permission("dynamodb:ConditionCheckItem", ARN + "Gates"),
                permission("dynamodb:DeleteItem", ARN + "Old"));
    }

    @Test
    void singleTableCalls_needTheirActionOnTheTableOrIndex_givenByNameOrArn() {
        assertThat(of("DynamoDb", "UpdateItem", UpdateItemRequest.builder().tableName("Totals").key(KEY).build()))
                .containsExactly(permission("dynamodb:UpdateItem", ARN + "Totals"));
        assertThat(of("DynamoDb", "Query", QueryRequest.builder().tableName("Votes").indexName("ByDay").build()))
                .containsExactly(permission("dynamodb:Query", ARN + "Votes/index/ByDay"));
        assertThat(of("DynamoDb", "UpdateItem", UpdateItemRequest.builder()
                .tableName("arn:aws:dynamodb:us-west-2:123456789012:table/Peer").key(KEY).build()))
                .containsExactly(permission("dynamodb:UpdateItem", "arn:aws:dynamodb:us-west-2:123456789012:table/Peer"));
    }

    @Test
    void s3_objectActionsOnObjectArns_listingOnTheBucket_copyOnBothEnds() {
        assertThat(of("S3", "PutObject", PutObjectRequest.builder().bucket("quarantine").key("Fn/a b.json").build()))
                .containsExactly(permission("s3:PutObject", "arn:aws:s3:::quarantine/Fn/a b.json"));
        assertThat(of("S3", "ListObjectsV2", ListObjectsV2Request.builder().bucket("quarantine").prefix("Fn/").build()))
                .containsExactly(permission("s3:ListBucket", "arn:aws:s3:::quarantine"));
        assertThat(of("S3", "CopyObject", CopyObjectRequest.builder().sourceBucket("in").sourceKey("a/b c.json")
                .destinationBucket("out").destinationKey("d.json").build()))
                .containsExactly(permission("s3:PutObject", "arn:aws:s3:::out/d.json"),
                        permission("s3:GetObject", "arn:aws:s3:::in/a/b c.json"));
    }

    @Test
    void recordStreamsAndQueues_onTheirArns() {
        assertThat(of("Firehose", "PutRecordBatch", PutRecordBatchRequest.builder().deliveryStreamName("archive")
                .records(Record.builder().data(SdkBytes.fromUtf8String("{}")).build()).build()))
                .containsExactly(permission("firehose:PutRecordBatch",
                        "arn:aws:firehose:eu-west-1:123456789012:deliverystream/archive"));
        assertThat(of("Sqs", "SendMessageBatch", SendMessageBatchRequest.builder()
                .queueUrl("http://localhost:9324/123456789012/failures").build()))
                .containsExactly(permission("sqs:SendMessage", "arn:aws:sqs:eu-west-1:123456789012:failures"));
    }

    @Test
    void servicesNotModelled_areNotChecked() {
        assertThat(RequestPermissions.of("Sts", "GetCallerIdentity", "eu-west-1", "123456789012",
                UpdateItemRequest.builder().build())).isEmpty();
    }
}
