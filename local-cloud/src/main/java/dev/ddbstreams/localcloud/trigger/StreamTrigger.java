package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's event source mapping for one DynamoDB stream and one function, run locally: it
 * discovers the stream's shards, starts a child shard only after its parent is done, and reads
 * each shard with a {@link ShardWorker}. See local-cloud/README.md for the contract it follows
 * and where it departs from AWS.
 */
public final class StreamTrigger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTrigger.class);

    private final StreamTriggerDefinition settings;
    private final String functionName;
    private final String streamArn;
    private final DynamoDbStreamsClient streams;
    private final Supplier<LocalFunction> functions;
    private final FailureDestination destination;
    private final EventFilter filter;
    private final InstantSource clock;
    private final Duration pollInterval;
    private final TriggerStats stats = new TriggerStats();
    private final Map<String, ShardWorker> workers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<LocalFunction> createdFunctions = new ArrayList<>();
    private volatile long discoveries;
    private volatile int unstartedShards;
    private volatile boolean stopped;
    private Thread coordinator;

    /**
     * @param functions makes one function instance (one execution environment) per lane
     * @param pollInterval how often a caught-up shard is polled; Lambda polls about four times a second
     */
    public StreamTrigger(StreamTriggerDefinition settings, String functionName, String streamArn,
            DynamoDbStreamsClient streams, Supplier<LocalFunction> functions, FailureDestination destination,
            InstantSource clock, Duration pollInterval) {
        this.settings = settings;
        this.functionName = functionName;
        this.streamArn = streamArn;
        this.streams = streams;
        this.functions = functions;
        this.destination = destination;
        this.filter = EventFilter.of(settings.filterPatterns());
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    public StreamTriggerDefinition settings() {
        return settings;
    }

    public String functionName() {
        return functionName;
    }

    public String streamArn() {
        return streamArn;
    }

    /** Starts polling in the background. */
    public synchronized void start() {
        if (coordinator != null) {
            throw new IllegalStateException("trigger " + settings.name() + " is already started");
        }
        coordinator = new Thread(this::coordinate, "trigger-" + functionName + "-" + settings.name());
        coordinator.setDaemon(true);
        coordinator.start();
    }

    /**
     * Waits until every record written before this call has been delivered (or filtered, or given
     * up on), nothing is in flight, and every tumbling window has had its final invoke.
     *
     * @return false if that did not happen within the timeout (a shard blocked by a failing batch, say)
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long discoveriesAtStart = discoveries;
        Map<String, Long> pollsAtStart = new LinkedHashMap<>();
        synchronized (this) {
            workers.forEach((id, worker) -> pollsAtStart.put(id, worker.emptyPolls()));
        }
        while (Instant.now().isBefore(deadline)) {
            if (discoveries > discoveriesAtStart + 1 && idleSince(pollsAtStart)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private synchronized boolean idleSince(Map<String, Long> pollsAtStart) {
        if (unstartedShards > 0) {
            return false;
        }
        for (ShardWorker worker : workers.values()) {
            if (worker.finished()) {
                continue;
            }
            // Two empty polls after the start: the second began after every earlier write.
            boolean caughtUp = worker.emptyPolls() >= pollsAtStart.getOrDefault(worker.shardId(), 0L) + 2;
            if (!caughtUp || !worker.lanesIdle()) {
                return false;
            }
        }
        return true;
    }

    public synchronized TriggerStatus status() {
        return new TriggerStatus(functionName, streamArn, settings,
                workers.values().stream().map(ShardWorker::position).toList(), stats.snapshot(),
                stats.lastResult.get());
    }

    @Override
    public void close() {
        stopped = true;
        List<Thread> toJoin;
        synchronized (this) {
            workers.values().forEach(ShardWorker::stop);
            toJoin = new ArrayList<>(threads);
            if (coordinator != null) {
                coordinator.interrupt();
                toJoin.add(coordinator);
            }
        }
        for (Thread thread : toJoin) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            createdFunctions.forEach(LocalFunction::close);
        }
    }

    private void coordinate() {
        boolean firstDiscovery = true;
        while (!stopped) {
            try {
                discover(firstDiscovery);
                firstDiscovery = false;
                discoveries++;
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("trigger {}: cannot describe stream {}: {}", settings.name(), streamArn, e.getMessage());
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private synchronized void discover(boolean firstDiscovery) {
        List<Shard> shards = StreamReader.shardsOf(streams, streamArn);
        Map<String, Shard> byId = new LinkedHashMap<>();
        shards.forEach(shard -> byId.put(shard.shardId(), shard));
        int unstarted = 0;
        for (Shard shard : shards) {
            if (workers.containsKey(shard.shardId())) {
                continue;
            }
            String parent = shard.parentShardId();
            boolean parentPending = parent != null && byId.containsKey(parent)
                    && (!workers.containsKey(parent) || !workers.get(parent).finished());
            if (parentPending) {
                unstarted++;
                continue;
            }
            boolean startAtLatest = firstDiscovery
                    && settings.startingPosition() == StreamTriggerDefinition.StartingPosition.LATEST;
            if (startAtLatest && shard.sequenceNumberRange().endingSequenceNumber() != null) {
                // LATEST: a shard already closed when the mapping starts has nothing new to deliver.
                continue;
            }
            startWorker(shard.shardId(), startAtLatest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON);
        }
        unstartedShards = unstarted;
    }

    private void startWorker(String shardId, ShardIteratorType startAt) {
        ShardWorker worker = new ShardWorker(settings, shardId, streamArn, streams, this::newFunction, destination,
                filter, stats, clock, pollInterval, startAt);
        workers.put(shardId, worker);
        Thread thread = new Thread(worker, "trigger-" + functionName + "-" + shardId);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private synchronized LocalFunction newFunction() {
        LocalFunction function = functions.get();
        createdFunctions.add(function);
        return function;
    }
}
