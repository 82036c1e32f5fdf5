package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads one shard, about four times a second while it is caught up, filters its records and
 * hands them to the lanes that deliver them. A lane per ParallelizationFactor; a record goes to
 * the lane its item key hashes to, so each item's changes stay in order.
 *
 * <p>An expired iterator, or one DynamoDB no longer recognises, is replaced by a new iterator
 * after the last record read, so nothing is skipped or read twice by the reader.
 */
final class ShardWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);

    private final String shardId;
    private final String streamArn;
    private final DynamoDbStreamsClient streams;
    private final EventFilter filter;
    private final TriggerStats stats;
    private final Duration pollInterval;
    private final InstantSource clock;
    private final ShardIteratorType startAt;
    private final List<ShardLane> lanes = new ArrayList<>();
    private final List<Thread> laneThreads = new ArrayList<>();
    private final AtomicLong emptyPolls = new AtomicLong();
    private volatile String lastSequenceRead;
    private volatile String state = "starting";
    private volatile boolean finished;
    private volatile boolean stopped;

    ShardWorker(StreamTriggerDefinition settings, String shardId, String streamArn, DynamoDbStreamsClient streams,
            Supplier<LocalFunction> functions, FailureDestination destination, EventFilter filter,
            TriggerStats stats, InstantSource clock, Duration pollInterval, ShardIteratorType startAt) {
        this.shardId = shardId;
        this.streamArn = streamArn;
        this.streams = streams;
        this.filter = filter;
        this.stats = stats;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.startAt = startAt;
        for (int i = 0; i < settings.parallelizationFactor(); i++) {
            lanes.add(new ShardLane(settings, shardId, streamArn, functions.get(), destination, stats, clock,
                    pollInterval));
        }
    }

    String shardId() {
        return shardId;
    }

    boolean finished() {
        return finished;
    }

    long emptyPolls() {
        return emptyPolls.get();
    }

    boolean lanesIdle() {
        return lanes.stream().allMatch(ShardLane::idle);
    }

    TriggerStatus.ShardPosition position() {
        return new TriggerStatus.ShardPosition(shardId, state, lastSequenceRead);
    }

    void stop() {
        stopped = true;
        lanes.forEach(ShardLane::stop);
    }

    @Override
    public void run() {
        for (int i = 0; i < lanes.size(); i++) {
            Thread lane = new Thread(lanes.get(i), "trigger-" + shardId + "-lane-" + i);
            lane.setDaemon(true);
            lane.start();
            laneThreads.add(lane);
        }
        try {
            read();
            lanes.forEach(ShardLane::finishInput);
            for (Thread lane : laneThreads) {
                lane.join();
            }
            state = stopped ? "stopped" : "finished (shard closed, every record delivered)";
            finished = !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = "stopped";
        } catch (RuntimeException e) {
            LOG.error("shard {} stopped: {}", shardId, e.getMessage(), e);
            state = "failed: " + e.getMessage();
            lanes.forEach(ShardLane::stop);
        }
    }

    private void read() throws InterruptedException {
        String iterator = iterator(startAt);
        state = "reading";
        while (!stopped && iterator != null) {
            GetRecordsResponse page;
            try {
                String current = iterator;
                page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            } catch (ExpiredIteratorException e) {
                stats.iteratorRenewals.incrementAndGet();
                LOG.info("shard {}: iterator expired, renewing after {}", shardId, lastSequenceRead);
                iterator = renewedIterator();
                continue;
            } catch (ResourceNotFoundException e) {
                stats.iteratorRenewals.incrementAndGet();
                LOG.info("shard {}: {}; renewing the iterator", shardId, e.getMessage());
                iterator = renewedIterator();
                continue;
            } catch (TrimmedDataAccessException e) {
                if (lastSequenceRead == null) {
                    // DynamoDB Local answers so when a TRIM_HORIZON iterator was taken on a shard
                    // that was still empty: nothing was read, so nothing is lost or repeated.
                    LOG.debug("shard {}: {}; reading from the trim horizon again", shardId, e.getMessage());
                } else {
                    LOG.warn("shard {}: records after {} were trimmed from the stream (older than 24 hours): {}",
                            shardId, lastSequenceRead, e.getMessage());
                }
                Thread.sleep(pollInterval.toMillis());
                iterator = iterator(ShardIteratorType.TRIM_HORIZON);
                continue;
            }
            dispatch(page.records());
            iterator = page.nextShardIterator();
            if (page.records().isEmpty()) {
                emptyPolls.incrementAndGet();
                state = "caught up";
                Thread.sleep(pollInterval.toMillis());
            } else {
                state = "reading";
            }
        }
        state = "shard closed, delivering the rest";
    }

    private void dispatch(List<Record> records) throws InterruptedException {
        Map<ShardLane, List<PendingRecord>> byLane = new LinkedHashMap<>();
        Instant readAt = clock.instant();
        for (Record record : records) {
            stats.recordsRead.incrementAndGet();
            lastSequenceRead = record.dynamodb().sequenceNumber();
            PendingRecord pending = PendingRecord.of(record, streamArn, readAt);
            if (filter.matches(pending.json())) {
                byLane.computeIfAbsent(laneFor(pending), lane -> new ArrayList<>()).add(pending);
            } else {
                stats.recordsFilteredOut.incrementAndGet();
            }
        }
        for (Map.Entry<ShardLane, List<PendingRecord>> lane : byLane.entrySet()) {
            lane.getKey().offer(lane.getValue());
        }
    }

    private ShardLane laneFor(PendingRecord record) {
        return lanes.size() == 1 ? lanes.get(0) : lanes.get(Math.floorMod(record.keysJson().hashCode(), lanes.size()));
    }

    private String renewedIterator() {
        return lastSequenceRead == null ? iterator(startAt) : streams.getShardIterator(b -> b.streamArn(streamArn)
                .shardId(shardId).shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .sequenceNumber(lastSequenceRead)).shardIterator();
    }

    private String iterator(ShardIteratorType type) {
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type))
                .shardIterator();
    }
}
