package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import dev.ddbstreams.localcloud.template.TemplateReader;
import dev.ddbstreams.localcloud.trigger.EventFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The settings of multi-leader/region.yaml that MultiLeaderHandler relies on (see the README's multi-leader section). */
class MultiLeaderTemplateTest {

    private static final Path TEMPLATE = Path.of("multi-leader/region.yaml");

    private static Template east(Map<String, String> parameters) {
        return new TemplateReader(StackSettings.of("ml-east", "us-east-1").withParameters(parameters)).read(TEMPLATE);
    }

    private final Template template = east(Map.of("PeerRegion", "us-west-2"));
    private final FunctionDefinition function = template.function("MultiLeaderFunction").orElseThrow();

    @Test
    void functions_whenRead_runMultiLeaderHandler_onePerPeer() {
        Template threeRegions = east(Map.of("PeerRegion", "us-west-2", "SecondPeerRegion", "eu-west-1"));

        assertThat(function.handlerClassName()).isEqualTo(MultiLeaderHandler.class.getName());
        assertThat(function.environment()).containsEntry("TABLE_NAME", "game_state")
                .containsEntry("PEER_REGIONS", "us-west-2");
        assertThat(template.function("SecondPeerFunction")).as("two leaders: one peer, one function").isEmpty();
        assertThat(threeRegions.function("MultiLeaderFunction").orElseThrow().environment())
                .containsEntry("PEER_REGIONS", "us-west-2");
        assertThat(threeRegions.function("SecondPeerFunction").orElseThrow().environment())
                .containsEntry("TABLE_NAME", "game_state").containsEntry("PEER_REGIONS", "eu-west-1");
    }

    @Test
    void triggers_whenRead_reportPartialFailures_bisect_andRetryUntilThePeerIsBack() {
        Template threeRegions = east(Map.of("PeerRegion", "us-west-2", "SecondPeerRegion", "eu-west-1"));
        for (String name : List.of("MultiLeaderFunction", "SecondPeerFunction")) {
            FunctionDefinition peerFunction = threeRegions.function(name).orElseThrow();
            StreamTriggerDefinition trigger = peerFunction.triggers().get(0);

            assertThat(peerFunction.triggers()).hasSize(1);
            assertThat(trigger.sourceName()).isEqualTo("game_state");
            assertThat(trigger.reportBatchItemFailures()).isTrue();
            assertThat(trigger.bisectBatchOnFunctionError()).isTrue();
            assertThat(trigger.maximumRetryAttempts()).isEqualTo(-1);
            assertThat(trigger.maximumRecordAge()).isEmpty();
            assertThat(trigger.onFailureDestination()).contains("ReplicationFailureQueue");
            assertThat(trigger.filterPatterns()).isEqualTo(function.triggers().get(0).filterPatterns());
        }
    }

    @Test
    void table_whenRead_streamsNewImages_andExpiresTombstonesByTtl() {
        var table = template.table("game_state").orElseThrow();

        assertThat(table.createTableRequest().streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(table.timeToLiveAttribute()).contains(ItemVersion.EXPIRES);
    }

    /** What reaches the function in us-east-1, record by record of the fixture. */
    @Test
    void filter_whenRead_passesOnlyThisRegionsWritesAndUnversionedOnes() throws IOException {
        EventFilter filter = EventFilter.of(function.triggers().get(0).filterPatterns());
        JsonNode records = new ObjectMapper().readTree(Files.readString(
                Path.of("src/test/resources/events/multi-leader-mixed.json"))).get("Records");

        List<String> delivered = new ArrayList<>();
        records.forEach(record -> {
            if (filter.matches(record)) {
                delivered.add(record.get("eventID").asText());
            }
        });

        // e-1, e-3: written here; e-4: a tombstone written here; e-7: written without LeaderWrites (logged).
        // Filtered out: e-2 (replicated from us-west-2), e-5 (a tombstone's TTL delete), e-6 (a plain DeleteItem).
        assertThat(delivered).containsExactly("e-1", "e-3", "e-4", "e-7");
    }

    /** That every permission names its own resource is checked for every template by workshop-cli's TemplateChecks. */
    @Test
    void roles_whenRead_allowEachFunctionToWriteOnlyItsPeersTable() {
        String peerTable = "arn:${AWS::Partition}:dynamodb:${%s}:${AWS::AccountId}:table/${NamePrefix}${TableName}";
        assertThat(putItemResources("MultiLeaderRole")).isEqualTo(List.of(Map.of("Fn::Sub", peerTable.formatted("PeerRegion"))));
        assertThat(putItemResources("SecondPeerRole"))
                .isEqualTo(List.of(Map.of("Fn::Sub", peerTable.formatted("SecondPeerRegion"))));
    }

    @Test
    void quarantine_whenRead_isOneBucket_eachFunctionWritingOnlyUnderItsPeersFolder() {
        Template threeRegions = east(Map.of("PeerRegion", "us-west-2", "SecondPeerRegion", "eu-west-1"));
        String bucket = threeRegions.function("MultiLeaderFunction").orElseThrow().environment().get("QUARANTINE_BUCKET");

        assertThat(bucket).isNotBlank();
        assertThat(threeRegions.function("SecondPeerFunction").orElseThrow().environment())
                .containsEntry("QUARANTINE_BUCKET", bucket);
        assertThat(s3Resources("MultiLeaderRole"))
                .containsExactly(Map.of("Fn::Sub", "${QuarantineBucket.Arn}/MultiLeaderFunction/${PeerRegion}/*"));
        assertThat(s3Resources("SecondPeerRole"))
                .containsExactly(Map.of("Fn::Sub", "${QuarantineBucket.Arn}/SecondPeerFunction/${SecondPeerRegion}/*"));
        // What each handler writes under: its QUARANTINE_PREFIX, then the peer, inside what its role may write.
        for (String function : List.of("MultiLeaderFunction", "SecondPeerFunction")) {
            Map<String, String> environment = threeRegions.function(function).orElseThrow().environment();
            assertThat(MultiLeaderHandler.quarantineFolder(environment.get("QUARANTINE_PREFIX"),
                    environment.get("PEER_REGIONS"))).isEqualTo(function + "/" + environment.get("PEER_REGIONS"));
        }
    }

    /** The Resource of the role's statements on S3, each allowing s3:PutObject only. */
    private static List<Object> s3Resources(String role) {
        ObjectMapper json = new ObjectMapper();
        List<Object> resources = new ArrayList<>();
        json.valueToTree(TemplateDocument.load(TEMPLATE).properties(role)).at("/Policies/0/PolicyDocument/Statement")
                .forEach(statement -> {
                    if (statement.path("Action").toString().contains("s3:")) {
                        assertThat(statement.path("Action")).isEqualTo(json.valueToTree(List.of("s3:PutObject")));
                        resources.add(json.convertValue(statement.path("Resource"), Object.class));
                    }
                });
        return resources;
    }

    /** The Resource of the role's one PutItem statement, whose only action it is. */
    private static List<Object> putItemResources(String role) {
        ObjectMapper json = new ObjectMapper();
        JsonNode statements = json.valueToTree(TemplateDocument.load(TEMPLATE).properties(role))
                .at("/Policies/0/PolicyDocument/Statement");
        List<Object> resources = new ArrayList<>();
        statements.forEach(statement -> {
            if (statement.path("Action").toString().contains("\"dynamodb:PutItem\"")) {
                assertThat(statement.path("Action")).isEqualTo(json.valueToTree(List.of("dynamodb:PutItem")));
                resources.add(json.convertValue(statement.path("Resource"), Object.class));
            }
        });
        return resources;
    }
}
