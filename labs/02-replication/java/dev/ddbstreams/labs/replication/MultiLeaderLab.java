package dev.ddbstreams.labs.replication;

import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import dev.ddbstreams.replication.ItemVersion;
import dev.ddbstreams.replication.LeaderWrites;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lab 02, multi-leader: the game's {@code game_state} table in us-east-1 and us-west-2, each region
 * with its own stack (multi-leader/region.yaml) replaying its changes into the other. Both regions
 * write the same players at the same time through LeaderWrites; the checks: the tables end
 * identical, every player holds the last writer's version (computed here from the write log), the
 * functions never saw a replicated change, and a write that bypassed LeaderWrites stayed where it
 * was written.
 */
public final class MultiLeaderLab extends Lab {

    static final Region EAST = Region.US_EAST_1;
    static final Region WEST = Region.US_WEST_2;
    static final String TABLE = "game_state";
    static final int PLAYERS = 50;
    static final int ROUNDS = 4;
    /** Players 40..49 are deleted in the west while the east updates 45..49. */
    static final int FIRST_DELETED = 40;
    static final int FIRST_CONTESTED_DELETE = 45;
    static final String ROGUE = "player#rogue";

    /** One write LeaderWrites made, with the version it stamped. */
    public MultiLeaderLab() {
        super(new About("multi-leader",
                "multi-leader: game_state in us-east-1 and us-west-2, each replaying its changes into the other, "
                + "last writer wins (replication/multi-leader/)",
                "replication/multi-leader/region.yaml"));
    }

    private record Written(Region region, String pk, ItemVersion version, boolean deleted) {
    }

    private final List<Written> log = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<Region> additionalRegions() {
        return List.of(WEST);
    }

    /** One stack per region, each naming the other as its peer. */
    @Override
    public List<LocalCloud.Deployment> deploy(LocalCloud cloud, String stackName) {
        return List.of(
                cloud.deploy(Path.of(template()), stackName + "-" + EAST.id(), Map.of("PeerRegion", WEST.id()), EAST),
                cloud.deploy(Path.of(template()), stackName + "-" + WEST.id(), Map.of("PeerRegion", EAST.id()), WEST));
    }

    @Override
    public long exercise(LocalCloud cloud, LabOutput out) throws Exception {
        log.clear();
        LeaderWrites east = writes(cloud, EAST);
        LeaderWrites west = writes(cloud, WEST);
        for (int player = 0; player < PLAYERS; player++) {
            log.add(new Written(EAST, pk(player), east.put(Map.of("PK", key(player).get("PK"),
                    "name", AttributeValue.fromS("Player " + player), "score", AttributeValue.fromN("0"))), false));
        }
        out.say("%s: created %d players (PutItem through LeaderWrites)", EAST, PLAYERS);
        // Opposite orders, so that each region is last on about half the players.
        concurrently(() -> scoreRounds(east, false), () -> scoreRounds(west, true));
        out.say("%s and %s at the same time: %d score updates each, every player %d times", EAST, WEST,
                PLAYERS * ROUNDS, ROUNDS);
        concurrently(() -> {
            for (int player = FIRST_DELETED; player < PLAYERS; player++) {
                log.add(new Written(WEST, pk(player), west.delete(key(player)), true));
            }
        }, () -> {
            for (int player = PLAYERS - 1; player >= FIRST_CONTESTED_DELETE; player--) {
                log.add(new Written(EAST, pk(player), east.update(key(player),
                        Map.of("score", AttributeValue.fromN("1000"))), false));
            }
        });
        out.say("%s deleted players %d-%d while %s updated players %d-%d", WEST, FIRST_DELETED, PLAYERS - 1, EAST,
                FIRST_CONTESTED_DELETE, PLAYERS - 1);
        cloud.dynamoDb(WEST).dynamoDbClient().putItem(b -> b.tableName(TABLE).item(Map.of(
                "PK", AttributeValue.fromS(ROGUE), "score", AttributeValue.fromN("1"))));
        out.say("%s: one plain PutItem of %s, not through LeaderWrites", WEST, ROGUE);
        // The application's writes in both regions, the plain PutItem included; replicated writes are a cost, not a source.
        return log.size() + 1L;
    }

    @Override
    public void check(LocalCloud cloud, LabOutput out) {
        DynamoDbClient east = cloud.dynamoDb(EAST).dynamoDbClient();
        DynamoDbClient west = cloud.dynamoDb(WEST).dynamoDbClient();
        ReplicaComparison.Differences differences = ReplicaComparison.compare(west, TABLE, east, TABLE);
        out.check(differences.missing().equals(List.of(ROGUE)) && differences.extra().isEmpty()
                        && differences.different().isEmpty(),
                "game_state is identical in both regions, tombstones included, but for " + ROGUE,
                differences.toString());

        Map<String, Written> winners = log.stream().collect(Collectors.toMap(Written::pk, written -> written,
                BinaryOperator.maxBy(Comparator.comparing(Written::version))));
        Map<String, Map<String, AttributeValue>> items = ReplicaComparison.items(east, TABLE);
        long lastWriterWon = winners.values().stream()
                .filter(winner -> items.containsKey(winner.pk())
                        && ItemVersion.of(items.get(winner.pk())).equals(Optional.of(winner.version()))
                        && LeaderWrites.isTombstone(items.get(winner.pk())) == winner.deleted())
                .count();
        Map<Region, Long> wonBy = winners.values().stream()
                .collect(Collectors.groupingBy(Written::region, LinkedHashMap::new, Collectors.counting()));
        out.check(lastWriterWon == PLAYERS && items.size() == PLAYERS,
                "every player holds the last writer's version (latest _updated, ties to the greater region name)",
                lastWriterWon + " of " + PLAYERS + " (last written in " + EAST + ": " + wonBy.getOrDefault(EAST, 0L)
                        + ", in " + WEST + ": " + wonBy.getOrDefault(WEST, 0L) + ")");
        long tombstones = items.values().stream().filter(LeaderWrites::isTombstone).count();
        long deletesWon = winners.values().stream().filter(Written::deleted).count();
        out.check(tombstones == deletesWon && deletesWon > 0,
                "a delete is a tombstone in both regions unless a later update won",
                tombstones + " tombstones; " + (PLAYERS - FIRST_DELETED - deletesWon) + " of "
                        + (PLAYERS - FIRST_DELETED) + " deleted players were updated later in " + EAST);

        for (StreamTrigger trigger : cloud.triggers()) {
            Region region = trigger.functionName().contains(EAST.id()) ? EAST : WEST;
            long local = log.stream().filter(written -> written.region() == region).count();
            long peer = log.size() - local;
            long unversioned = region == WEST ? 1 : 0;
            TriggerStatus.Counts counts = trigger.status().counts();
            long delivered = counts.recordsRead() - counts.recordsFilteredOut();
            out.check(delivered == local + unversioned && counts.recordsFilteredOut() <= peer,
                    "the " + region + " function saw only " + region + "'s writes, none replicated back",
                    delivered + " records delivered (" + local + " LeaderWrites" + (unversioned > 0 ? " + 1 plain PutItem"
                            : "") + "), " + counts.recordsFilteredOut() + " replicated in and filtered out (at most "
                            + peer + ")");
        }
        boolean logged = logMentions(cloud, WEST, "NOT REPLICATED");
        out.check(!ReplicaComparison.items(east, TABLE).containsKey(ROGUE) && logged,
                ROGUE + " stayed in " + WEST + ", logged as NOT REPLICATED",
                "see " + cloud.logFolder() + "/workshop-" + name() + "-" + WEST.id() + "-MultiLeaderFunction.log");
    }

    private void scoreRounds(LeaderWrites writes, boolean descending) {
        Region region = Region.of(writes.region());
        for (int round = 1; round <= ROUNDS; round++) {
            for (int i = 0; i < PLAYERS; i++) {
                int player = descending ? PLAYERS - 1 - i : i;
                log.add(new Written(region, pk(player), writes.update(key(player), Map.of(
                        "score", AttributeValue.fromN(Integer.toString(round * 10)),
                        "scoredIn", AttributeValue.fromS(region.id()))), false));
            }
        }
    }

    private static LeaderWrites writes(LocalCloud cloud, Region region) {
        return new LeaderWrites(cloud.dynamoDb(region).dynamoDbClient(), TABLE, List.of("PK"), region.id(),
                InstantSource.system(), LeaderWrites.DEFAULT_TOMBSTONE_TTL);
    }

    private static boolean logMentions(LocalCloud cloud, Region region, String text) {
        try (var files = Files.list(cloud.logFolder())) {
            List<Path> logs = files.filter(file -> file.getFileName().toString().contains(region.id())).toList();
            for (Path file : logs) {
                if (Files.readString(file).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void concurrently(Runnable first, Runnable second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = List.of(pool.submit(first), pool.submit(second));
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String pk(int player) {
        return String.format("player#%02d", player);
    }

    private static Map<String, AttributeValue> key(int player) {
        return Map.of("PK", AttributeValue.fromS(pk(player)));
    }
}
