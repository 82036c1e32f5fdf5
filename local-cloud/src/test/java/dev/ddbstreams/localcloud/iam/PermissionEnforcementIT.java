package dev.ddbstreams.localcloud.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.localcloud.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A template whose role lacks one action its handler needs: the local cloud refuses the call as IAM would. */
class PermissionEnforcementIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/iam-enforcement.yaml");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("k1"));

    @TempDir
    Path work;

    @Test
    void handlerCall_theRoleDoesNotAllow_failsWithAccessDeniedNamingActionAndResource_andIsLogged() throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "denied", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            String sumsArn = "arn:aws:dynamodb:" + cloud.regions().get(0).id() + ":123456789012:table/denied-sums";

            dynamoDb.putItem(b -> b.tableName("denied-source").item(KEY));

            String expected = "User: arn:aws:sts::123456789012:assumed-role/denied-ReaderRole/denied-Reader"
                    + " is not authorized to perform: dynamodb:BatchGetItem on resource: " + sumsArn
                    + " because no identity-based policy allows the dynamodb:BatchGetItem action";
            await().atMost(WAIT).untilAsserted(() -> assertThat(deployment.triggers()).singleElement()
                    .satisfies(t -> assertThat(t.status().lastResult()).contains(expected)));
            assertThat(dynamoDb.scan(b -> b.tableName("denied-sums")).items()).isEmpty();
            Path log = cloud.logFolder().resolve("denied-Reader.log");
            assertThat(Files.readString(log)).contains("DynamoDb BatchGetItem denied: " + expected);
        }
    }

    @Test
    void handlerCall_theRoleAllows_goesThrough() throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "granted", Map.of("GrantBatchGet", "true"));
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            dynamoDb.putItem(b -> b.tableName("granted-source").item(KEY));

            assertThat(cloud.awaitIdle(WAIT)).isTrue();
            assertThat(dynamoDb.scan(b -> b.tableName("granted-sums")).items()).containsExactly(KEY);
            assertThat(deployment.triggers()).singleElement()
                    .satisfies(t -> assertThat(t.status().counts().recordsProcessed()).isEqualTo(1));
        }
    }

    /** What a handler catches: the service's own exception, AccessDeniedException and HTTP 400, never sent. */
    @Test
    void dynamoDbCall_asTheFunction_throwsDynamoDbExceptionAsAwsWould_andTheSameCallOutsideAnInvocationPasses()
            throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "direct", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            InvocationIdentity reader = new InvocationIdentity("direct-Reader",
                    deployment.template().function("Reader").orElseThrow().permissions());

            assertThatThrownBy(() -> reader.callAs(() -> dynamoDb.batchGetItem(b -> b.requestItems(
                    Map.of("direct-sums", KeysAndAttributes.builder().keys(List.of(KEY)).build())))))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.getMessage()).contains("dynamodb:BatchGetItem on resource: arn:aws:dynamodb:")
                                .contains(":table/direct-sums because");
                    });
            assertThat(reader.callAs(() -> dynamoDb.putItem(b -> b.tableName("direct-sums").item(KEY)))).isNotNull();
            assertThat(dynamoDb.batchGetItem(b -> b.requestItems(Map.of("direct-sums",
                    KeysAndAttributes.builder().keys(List.of(KEY)).build()))).responses().get("direct-sums"))
                    .containsExactly(KEY);
        }
    }

    @Test
    void s3Call_asAFunctionWithoutS3Permissions_throwsS3Exception403AccessDenied() throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start(); S3Client s3 = S3Client.create()) {
            s3.createBucket(b -> b.bucket("quarantine"));
            InvocationIdentity writer = new InvocationIdentity("shop-Writer", FunctionPermissions.enforced(
                    "shop-WriterRole", "123456789012", List.of(PolicyStatement.allow(List.of("s3:PutObject"),
                            List.of("arn:aws:s3:::quarantine/allowed/*")))));

            assertThat(writer.callAs(() -> s3.putObject(b -> b.bucket("quarantine").key("allowed/1.json"),
                    RequestBody.fromString("{}")))).isNotNull();
            assertThatThrownBy(() -> writer.callAs(() -> s3.putObject(b -> b.bucket("quarantine").key("other/1.json"),
                    RequestBody.fromString("{}"))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.getMessage()).contains("User: arn:aws:sts::123456789012:assumed-role/"
                                + "shop-WriterRole/shop-Writer is not authorized to perform: s3:PutObject on resource: "
                                + "arn:aws:s3:::quarantine/other/1.json");
                    });
            assertThat(work.resolve("s3/quarantine/allowed/1.json")).exists();
            assertThat(work.resolve("s3/quarantine/other/1.json")).doesNotExist();
        }
    }
}
