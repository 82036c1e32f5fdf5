package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.trigger.ShardSource.StartingPoint;
import java.time.Instant;
import java.time.InstantSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one shard about four times a second, as Lambda polls (at once again only after a full
 * page: the shard has more waiting), filters its records and hands them to the lanes that
 * deliver them. A lane per ParallelizationFactor; a record goes to the lane its lane key (the
 * item key, for DynamoDB) hashes to, so each key's changes stay in order.
 *
 * <p>An expired iterator, or one the source no longer recognises, is replaced by a new iterator
 * after the last record read, so nothing is skipped or read twice by the reader.
 *
 * @param <R> the shard source's record type
 */
final class ShardWorker<R> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);

    private final String shardId;
    private final ShardSource<R> source;
    private final RecordFlavour<R> flavour;
    private final EventFilter filter;
    private final TriggerCounters counters;
    private final Duration pollInterval;
    private final InstantSource clock;
    private final StartingPoint startAt;
    private final List<ShardLane> lanes;
    private final List<Thread> laneThreads = new ArrayList<>();
    private final AtomicLong emptyPolls = new AtomicLong();
    private volatile String lastSequenceRead;
    private volatile String state = "starting";
    private volatile boolean finished;
    private volatile boolean stopped;

    ShardWorker(String shardId, ShardSource<R> source, RecordFlavour<R> flavour, EventFilter filter,
            List<ShardLane> lanes, TriggerCounters counters, InstantSource clock, Duration pollInterval,
            StartingPoint startAt) {
        this.shardId = shardId;
        this.source = source;
        this.flavour = flavour;
        this.filter = filter;
        this.lanes = List.copyOf(lanes);
        this.counters = counters;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.startAt = startAt;
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
        String iterator = source.iterator(shardId, startAt);
        state = "reading";
        while (!stopped && iterator != null) {
            long pollStarted = System.nanoTime();
            ShardSource.Page<R> page;
            try {
                page = source.read(iterator);
            } catch (ShardSource.IteratorLostException e) {
                counters.iteratorRenewals.incrementAndGet();
                LOG.info("shard {}: {}; renewing the iterator after {}", shardId, e.getMessage(), lastSequenceRead);
                iterator = source.iterator(shardId, lastSequenceRead == null ? startAt
                        : StartingPoint.after(lastSequenceRead));
                continue;
            } catch (ShardSource.RecordsTrimmedException e) {
                if (lastSequenceRead == null) {
                    // DynamoDB Local answers so when a TRIM_HORIZON iterator was taken on a shard
                    // that was still empty: nothing was read, so nothing is lost or repeated.
                    LOG.debug("shard {}: {}; reading from the trim horizon again", shardId, e.getMessage());
                } else {
                    LOG.warn("shard {}: records after {} were trimmed from the stream (older than 24 hours): {}",
                            shardId, lastSequenceRead, e.getMessage());
                }
                Thread.sleep(pollInterval.toMillis());
                iterator = source.iterator(shardId, StartingPoint.TRIM_HORIZON);
                continue;
            }
            dispatch(page.records());
            iterator = page.nextIterator();
            if (page.records().isEmpty()) {
                emptyPolls.incrementAndGet();
                state = "caught up";
                Thread.sleep(pollInterval.toMillis());
            } else {
                state = "reading";
                if (page.records().size() < source.maxRecordsPerRead()) {
                    // Caught up within this page: the next poll comes at Lambda's cadence, not at once.
                    long left = pollInterval.toNanos() - (System.nanoTime() - pollStarted);
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                    }
                }
            }
        }
        state = "shard closed, delivering the rest";
    }

    private void dispatch(List<R> records) throws InterruptedException {
        Map<ShardLane, List<PendingRecord>> byLane = new LinkedHashMap<>();
        Instant readAt = clock.instant();
        for (R record : records) {
            counters.recordsRead.incrementAndGet();
            PendingRecord pending = flavour.pending(record, shardId, source.streamArn(), readAt);
            lastSequenceRead = pending.sequenceNumber();
            if (filter.matches(pending.json())) {
                byLane.computeIfAbsent(laneFor(pending), lane -> new ArrayList<>()).add(pending);
            } else {
                counters.recordsFilteredOut.incrementAndGet();
            }
        }
        for (Map.Entry<ShardLane, List<PendingRecord>> lane : byLane.entrySet()) {
            lane.getKey().offer(lane.getValue());
        }
    }

    private ShardLane laneFor(PendingRecord record) {
        return lanes.size() == 1 ? lanes.get(0) : lanes.get(Math.floorMod(record.laneKey().hashCode(), lanes.size()));
    }
}
