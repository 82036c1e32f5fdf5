package dev.ddbstreams.cli;

import dev.ddbstreams.aggregation.DashboardVoteItem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Casts random votes at a steady rate, so the dashboard has something to show: one PutItem per
 * vote, with a random UUID, a region and an improvement from the vocabulary of
 * {@code data/votes.csv}, and the time it is cast.
 */
final class DashboardVoteWriter implements AutoCloseable {

    static final List<String> REGIONS = List.of("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL");
    static final List<String> IMPROVEMENTS = List.of(
            "MORE_TREES", "MORE_FLOWERS", "BIKE_LANES", "MORE_BENCHES", "STREET_LIGHTS", "PLAYGROUNDS");

    private static final Logger LOG = LoggerFactory.getLogger(DashboardVoteWriter.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int total;
    private final SplittableRandom random;
    private final InstantSource clock;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dashboard-votes");
        thread.setDaemon(true);
        return thread;
    });

    DashboardVoteWriter(DynamoDbClient dynamoDb, String table, int total, SplittableRandom random, InstantSource clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.total = total;
        this.random = random;
        this.clock = clock;
    }

    /** Starts casting {@code total} votes, {@code perSecond} a second. */
    void start(double perSecond) {
        if (total <= 0) {
            done.countDown();
            return;
        }
        long periodMicros = Math.max(1, Math.round(1_000_000 / perSecond));
        timer.scheduleAtFixedRate(this::castOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    int written() {
        return written.get();
    }

    int failed() {
        return failed.get();
    }

    boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void castOne() {
        if (written.get() + failed.get() >= total) {
            return;
        }
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        String improvement = IMPROVEMENTS.get(random.nextInt(IMPROVEMENTS.size()));
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(DashboardVoteItem.of(UUID.randomUUID().toString(), region, improvement, clock.instant())));
            written.incrementAndGet();
        } catch (SdkException e) {
            // One lost demo vote is not worth stopping the dashboard for; the count says so.
            failed.incrementAndGet();
            LOG.warn("vote not written to {}: {}", table, e.getMessage());
        }
        if (written.get() + failed.get() >= total) {
            done.countDown();
            timer.shutdown();
        }
    }
}
