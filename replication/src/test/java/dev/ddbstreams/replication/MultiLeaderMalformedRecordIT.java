package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.Invocation;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.s3.FunctionQuarantine;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3ClientBucket;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The multi-leader function (multi-leader/region.yaml in us-east-1, its peer us-west-2, on two
 * DynamoDB Locals) given a batch whose first record does not read as a change record (no Keys):
 * the record can never be replicated, so it is kept whole in the peer's quarantine folder and the
 * batch goes on to the valid record after it, which reaches the peer.
 */
class MultiLeaderMalformedRecordIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Region EAST = Region.US_EAST_1;
    private static final Region WEST = Region.US_WEST_2;

    @Test
    void recordWithoutKeys_isQuarantinedForThePeer_andTheBatchGoesOn(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().region(EAST).additionalRegions(WEST).workFolder(work).start()) {
            cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-east", Map.of("PeerRegion", WEST.id()),
                    function -> false, trigger -> trigger);
            LocalCloud.Deployment west = cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-west",
                    Map.of("PeerRegion", EAST.id()), WEST);
            String westTable = west.tables().get(0).tableName();
            FunctionDefinition definition = cloud.deployments().get(0).template().function("MultiLeaderFunction")
                    .orElseThrow();
            ObjectNode event = eventWithAMalformedRecord();
            JsonNode malformed = event.get("Records").get(0).deepCopy();

            Invocation invocation;
            try (LocalFunction function = new LocalFunction(definition, EAST.id(), Map.of(), FunctionFaults.NONE,
                    InstantSource.system())) {
                invocation = function.invoke(JSON.writeValueAsString(event));
            }

            assertThat(invocation.succeeded()).isTrue();
            assertThat(invocation.responseJson()).hasValueSatisfying(json ->
                    assertThat(json).doesNotContain("\"itemIdentifier\""));
            assertThat(cloud.dynamoDb(WEST).dynamoDbClient().getItem(b -> b.tableName(westTable)
                    .key(Map.of("PK", AttributeValue.fromS("player#3")))).item()).containsKey(ItemVersion.ORIGIN);
            FunctionQuarantine folder = cloud.quarantine(definition.functionName()).orElseThrow();
            List<String> keys = folder.keys();
            assertThat(keys).singleElement().asString().startsWith("MultiLeaderFunction/" + WEST.id() + "/");
            QuarantinedRecord kept = new S3Quarantine(new S3ClientBucket(S3Client.create(), folder.bucket()),
                    InstantSource.system()).read(keys.get(0));
            // Both sides read by one mapper, so numbers compare as the same node types.
            assertThat(JSON.readTree(kept.record())).isEqualTo(JSON.readTree(JSON.writeValueAsString(malformed)));
            assertThat(kept.reason()).contains("Keys");
        }
    }

    @Test
    void recordWithoutKeys_whenItsRoleMayNotWriteTheFolder_isRetried_andNothingAfterItIsApplied(@TempDir Path work)
            throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().region(EAST).additionalRegions(WEST).workFolder(work).start()) {
            cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-east", Map.of("PeerRegion", WEST.id()),
                    function -> false, trigger -> trigger);
            LocalCloud.Deployment west = cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-west",
                    Map.of("PeerRegion", EAST.id()), WEST);
            FunctionDefinition deployed = cloud.deployments().get(0).template().function("MultiLeaderFunction")
                    .orElseThrow();
            // The same role, and a folder it may not write: on AWS every PutObject there is AccessDenied.
            Map<String, String> environment = new HashMap<>(deployed.environment());
            environment.put("QUARANTINE_PREFIX", "ElsewhereFunction");
            FunctionDefinition misconfigured = new FunctionDefinition(deployed.logicalId(), deployed.functionName(),
                    deployed.handler(), environment, deployed.timeout(), deployed.memoryMb(), deployed.runtime(),
                    deployed.triggers(), deployed.permissions());
            ObjectNode event = eventWithAMalformedRecord();

            Invocation invocation;
            try (LocalFunction function = new LocalFunction(misconfigured, EAST.id(), Map.of(), FunctionFaults.NONE,
                    InstantSource.system())) {
                invocation = function.invoke(JSON.writeValueAsString(event));
            }

            assertThat(JSON.readTree(invocation.responseJson().orElseThrow()).path("batchItemFailures")
                    .findValuesAsText("itemIdentifier")).containsExactly("4421584500000000017450400101");
            assertThat(cloud.dynamoDb(WEST).dynamoDbClient().getItem(b -> b.tableName(west.tables().get(0).tableName())
                    .key(Map.of("PK", AttributeValue.fromS("player#3")))).hasItem()).isFalse();
            Path bucket = cloud.quarantine(deployed.functionName()).orElseThrow().bucketFolder();
            try (Stream<Path> files = Files.walk(bucket)) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    /**
     * e-1 (player#1's INSERT) without its Keys, then e-4 (player#3's tombstone), both this region's
     * changes, from the fixture multi-leader-mixed.json.
     */
    private static ObjectNode eventWithAMalformedRecord() throws IOException {
        ArrayNode fixture;
        try (InputStream in = MultiLeaderMalformedRecordIT.class.getResourceAsStream("/events/multi-leader-mixed.json")) {
            fixture = (ArrayNode) JSON.readTree(in).get("Records");
        }
        ObjectNode malformed = (ObjectNode) fixture.get(0);
        ((ObjectNode) malformed.get("dynamodb")).remove("Keys");
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(malformed).add(fixture.get(3));
        return event;
    }
}
