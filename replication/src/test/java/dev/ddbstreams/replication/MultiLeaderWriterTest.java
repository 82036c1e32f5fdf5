package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * MultiLeaderWriter on the fixture multi-leader-mixed.json as us-east-1 sees it, against peers that
 * apply the conflict rule in memory (DynamoDB Local does the same with the real condition in
 * MultiLeaderReplicationIT) and can fail a write, which DynamoDB Local never does.
 */
class MultiLeaderWriterTest {

    private final DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/multi-leader-mixed.json");
    private final MemoryPeer west = new MemoryPeer("us-west-2");
    private final MemoryPeer europe = new MemoryPeer("eu-west-1");
    private final List<Kept> quarantined = new ArrayList<>();

    private record Kept(String peer, ChangeRecord record, Failure failure) {
    }

    private Quarantine quarantineFor(String peer) {
        return (record, failure) -> quarantined.add(new Kept(peer, record, failure));
    }

    @Test
    void apply_sendsOnlyThisRegionsChanges_latestPerKey_toEveryPeer() {
        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(west, europe), this::quarantineFor).apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        for (MemoryPeer peer : List.of(west, europe)) {
            assertThat(peer.versions).containsOnlyKeys("player#1", "player#3");
            assertThat(peer.versions.get("player#1")).isEqualTo(new ItemVersion(1795255200200L, "us-east-1"));
            assertThat(peer.items.get("player#1").get("score").n()).isEqualTo("12");
            assertThat(LeaderWrites.isTombstone(peer.items.get("player#3"))).isTrue();
            assertThat(peer.writes).isEqualTo(2);
        }
    }

    @Test
    void apply_deliveredTwice_changesNothingTheSecondTime() {
        MultiLeaderWriter writer = new MultiLeaderWriter("us-east-1", List.of(west), this::quarantineFor);
        writer.apply(event.getRecords());
        Map<String, Map<String, AttributeValue>> first = new TreeMap<>(west.items);

        StreamsEventResponse again = writer.apply(event.getRecords());

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(west.items).isEqualTo(first);
        assertThat(west.writes).isEqualTo(2);
        assertThat(west.refused).isEqualTo(2);
    }

    @Test
    void apply_whenThePeerHoldsANewerVersion_keepsIt() {
        ItemVersion newer = new ItemVersion(1795255200200L, "us-west-2"); // same time, greater region name
        west.putIfNewer(Map.of("PK", AttributeValue.fromS("player#1"), "score", AttributeValue.fromN("99")), newer);

        new MultiLeaderWriter("us-east-1", List.of(west), this::quarantineFor).apply(event.getRecords());

        assertThat(west.versions.get("player#1")).isEqualTo(newer);
        assertThat(west.items.get("player#1").get("score").n()).isEqualTo("99");
    }

    @Test
    void apply_whenAWriteFails_resumesAtTheFirstChangeOfThatKey() {
        europe.failing.add("player#3");

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(west, europe), this::quarantineFor).apply(event.getRecords());

        // player#3's only change is record e-4 (index 3): everything before it is on both peers.
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(3).getDynamodb().getSequenceNumber());
        assertThat(europe.versions).containsOnlyKeys("player#1");
    }

    @Test
    void apply_whenTheFirstKeyFails_resumesAtItsFirstChange_notItsLast() {
        west.failing.add("player#1");

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(west), this::quarantineFor).apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getDynamodb().getSequenceNumber());
        assertThat(west.versions).isEmpty();
    }

    @Test
    void apply_whenAPeerRefusesAWriteForGood_quarantinesThatRecord_andAppliesTheRest() {
        europe.refusing.add("player#1");

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(europe), this::quarantineFor).apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(europe.versions).containsOnlyKeys("player#3");
        assertThat(quarantined).singleElement().satisfies(kept -> {
            assertThat(kept.record().keys().attributes().get("PK").s()).isEqualTo("player#1");
            assertThat(kept.record().newImage().orElseThrow().attributes().get("score").n()).isEqualTo("12");
            assertThat(kept.failure().isPermanent()).isTrue();
            assertThat(kept.peer()).isEqualTo("eu-west-1");
        });
    }

    @Test
    void apply_whenTheFirstPeerRefusesAWriteForGood_stillWritesItToTheOtherPeers() {
        europe.refusing.add("player#1");
        MemoryPeer asia = new MemoryPeer("ap-south-1");

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(europe, west, asia), this::quarantineFor)
                .apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(europe.versions).containsOnlyKeys("player#3");
        for (MemoryPeer peer : List.of(west, asia)) {
            assertThat(peer.versions).as(peer.region()).containsOnlyKeys("player#1", "player#3");
        }
        assertThat(quarantined).extracting(Kept::peer).containsExactly("eu-west-1");
    }

    @Test
    void apply_whenTheFirstPeerFailsTransiently_stillWritesTheKeyToTheOtherPeers_andResumesAtIt() {
        europe.failing.add("player#1");

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(europe, west), this::quarantineFor)
                .apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getDynamodb().getSequenceNumber());
        assertThat(west.versions).containsKey("player#1");
        assertThat(quarantined).isEmpty();
    }

    @Test
    void apply_recordsWhoseVersionDoesNotRead_areQuarantinedForEveryPeer_andTheBatchGoesOn() {
        // e-3 (player#1's later change): _updated of another type; e-4 (player#3's only change): not whole milliseconds.
        event.getRecords().get(2).getDynamodb().getNewImage().put(ItemVersion.UPDATED,
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS("yesterday"));
        event.getRecords().get(3).getDynamodb().getNewImage().put(ItemVersion.UPDATED,
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withN("1795255200300.5"));

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(west, europe), this::quarantineFor)
                .apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        for (MemoryPeer peer : List.of(west, europe)) {
            // player#1's earlier change is what the peers get; player#3 has no readable change.
            assertThat(peer.versions).as(peer.region()).containsOnlyKeys("player#1");
            assertThat(peer.items.get("player#1").get("score").n()).isEqualTo("10");
        }
        assertThat(quarantined).extracting(kept -> kept.peer() + " " + kept.record().eventId())
                .containsExactlyInAnyOrder("us-west-2 e-3", "eu-west-1 e-3", "us-west-2 e-4", "eu-west-1 e-4");
        assertThat(quarantined).allSatisfy(kept -> assertThat(kept.failure().isPermanent()).isTrue());
    }

    @Test
    void apply_recordThatIsNotAChangeRecord_isQuarantinedForEveryPeerAsLambdaSentIt_andTheBatchGoesOn() {
        // e-3 (player#1's later change) without Keys: it does not read as a change record, and never will.
        DynamodbEvent.DynamodbStreamRecord bad = event.getRecords().get(2);
        bad.getDynamodb().setKeys(null);
        List<String> unreadable = new ArrayList<>();

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(west, europe),
                keepingUnreadable(unreadable, false)).apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        for (MemoryPeer peer : List.of(west, europe)) {
            // player#1's earlier change is what the peers get; player#3, after the bad record, is applied too.
            assertThat(peer.versions).as(peer.region()).containsOnlyKeys("player#1", "player#3");
            assertThat(peer.items.get("player#1").get("score").n()).isEqualTo("10");
        }
        assertThat(unreadable).containsExactlyInAnyOrder("us-west-2 e-3", "eu-west-1 e-3");
    }

    @Test
    void apply_recordThatIsNotAChangeRecord_whenTheQuarantineFails_appliesTheRecordsBeforeIt_andReportsIt() {
        DynamodbEvent.DynamodbStreamRecord bad = event.getRecords().get(2);
        bad.getDynamodb().setKeys(null);

        StreamsEventResponse response = new MultiLeaderWriter("us-east-1", List.of(west),
                keepingUnreadable(new ArrayList<>(), true)).apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(bad.getDynamodb().getSequenceNumber());
        assertThat(west.versions).containsOnlyKeys("player#1");
        assertThat(west.items.get("player#1").get("score").n()).isEqualTo("10");
    }

    /** This test's quarantine, also keeping (as "peer eventID") records that do not read, or failing to. */
    private MultiLeaderWriter.PeerQuarantine keepingUnreadable(List<String> unreadable, boolean s3Fails) {
        return peer -> new Quarantine() {
            @Override
            public void keep(ChangeRecord record, Failure failure) {
                quarantined.add(new Kept(peer, record, failure));
            }

            @Override
            public void keepUnreadable(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
                if (s3Fails) {
                    throw SdkException.builder().message("injected S3 failure").build();
                }
                assertThat(failure.isPermanent()).isTrue();
                assertThat(failure.reason()).contains("no Keys");
                unreadable.add(peer + " " + record.getEventID());
            }
        };
    }

    @Test
    void handler_quarantineFolder_isOnePerPeer() {
        assertThat(MultiLeaderHandler.quarantineFolder("MultiLeaderFunction", "eu-west-1"))
                .isEqualTo("MultiLeaderFunction/eu-west-1");
    }

    @Test
    void constructor_withThisRegionAmongThePeers_fails() {
        assertThatThrownBy(() -> new MultiLeaderWriter("us-west-2", List.of(west), this::quarantineFor))
                .hasMessage("the peer regions include this region, us-west-2");
    }

    @Test
    void peerTables_withARegionTwice_failsNamingTheVariable() {
        assertThatThrownBy(() -> MultiLeaderHandler.peerTables("game_state", "us-west-2, us-west-2"))
                .hasMessageContaining("PEER_REGIONS");
    }

    /** A peer table applying the conflict rule of ItemVersion, keyed by PK. */
    private static final class MemoryPeer implements PeerTable {
        private final String region;
        final Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        final Map<String, ItemVersion> versions = new TreeMap<>();
        final Set<String> failing = new HashSet<>();
        /** Keys the peer refuses for good, as DynamoDB does a write it finds invalid. */
        final Set<String> refusing = new HashSet<>();
        int writes;
        int refused;

        MemoryPeer(String region) {
            this.region = region;
        }

        @Override
        public String region() {
            return region;
        }

        @Override
        public boolean putIfNewer(Map<String, AttributeValue> item, ItemVersion version) {
            String pk = item.get("PK").s();
            if (failing.contains(pk)) {
                throw SdkException.builder().message("injected failure for " + pk).build();
            }
            if (refusing.contains(pk)) {
                throw DynamoDbException.builder().statusCode(400).message("One or more parameter values were invalid")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build()).build();
            }
            ItemVersion stored = versions.get(pk);
            if (stored != null && !version.isNewerThan(stored)) {
                refused++;
                return false;
            }
            items.put(pk, item);
            versions.put(pk, version);
            writes++;
            return true;
        }
    }
}
