package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.destinations.InvocationRecord;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.trigger.ShardSource.SourceShard;
import dev.ddbstreams.localcloud.trigger.ShardSource.StartingPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Lambda's event source mapping for one stream and one function, run locally: it discovers the
 * stream's shards, starts a child shard only after all its parents are done, and reads each shard
 * with a {@link ShardWorker}. The stream comes through a {@link ShardSource} and its records
 * through a {@link RecordFlavour}; {@link #StreamTrigger(StreamTriggerDefinition, String, String,
 * DynamoDbStreamsClient, Supplier, FailureDestination, InstantSource, Duration) the public
 * constructor} reads a DynamoDB stream, {@link #kinesis kinesis} a Kinesis data stream. See local-cloud/README.md for the contract it follows and
 * where it departs from AWS.
 */
public final class StreamTrigger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTrigger.class);

    private final StreamTriggerDefinition settings;
    private final String functionName;
    private final ShardSource<?> source;
    private final Supplier<LocalFunction> functions;
    private final FailureDestination destination;
    private final InstantSource clock;
    private final Duration pollInterval;
    private final TriggerCounters counters = new TriggerCounters();
    private final BiFunction<String, StartingPoint, ShardWorker<?>> newWorker;
    private final Map<String, ShardWorker<?>> workers = new LinkedHashMap<>();
    /** Shards closed when a LATEST trigger started: never read, and not waited for by their children. */
    private final Set<String> skippedShards = new HashSet<>();
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
        this(settings, functionName, new DynamoDbShardSource(streams, streamArn), new DynamoDbRecordFlavour(),
                functions, destination, clock, pollInterval);
    }

    /**
     * A trigger on a Kinesis data stream: its records reach the function as a {@code KinesisEvent}.
     *
     * @param invokeIdentityArn the function's execution role, named in every record of the event
     */
    public static StreamTrigger kinesis(StreamTriggerDefinition settings, String functionName, String streamArn,
            KinesisClient kinesis, String invokeIdentityArn, Supplier<LocalFunction> functions,
            FailureDestination destination, InstantSource clock, Duration pollInterval) {
        String region = streamArn.split(":")[3];
        return new StreamTrigger(settings, functionName, new KinesisShardSource(kinesis, streamArn),
                new KinesisRecordFlavour(region, invokeIdentityArn), functions, destination, clock, pollInterval);
    }

    <R> StreamTrigger(StreamTriggerDefinition settings, String functionName, ShardSource<R> source,
            RecordFlavour<R> flavour, Supplier<LocalFunction> functions, FailureDestination destination,
            InstantSource clock, Duration pollInterval) {
        this.settings = settings;
        this.functionName = functionName;
        this.source = source;
        this.functions = functions;
        this.destination = destination;
        this.clock = clock;
        this.pollInterval = pollInterval;
        EventFilter filter = EventFilter.of(settings.filterPatterns());
        this.newWorker = (shardId, startAt) -> new ShardWorker<>(shardId, source, flavour, filter,
                lanes(shardId, flavour.source()), counters, clock, pollInterval, startAt);
    }

    public StreamTriggerDefinition settings() {
        return settings;
    }

    public String functionName() {
        return functionName;
    }

    public String streamArn() {
        return source.streamArn();
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
        for (ShardWorker<?> worker : workers.values()) {
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

    /** The functions it invokes, one execution environment per lane (each with its faults' record). */
    public synchronized List<LocalFunction> functions() {
        return List.copyOf(createdFunctions);
    }

    public synchronized TriggerStatus status() {
        return new TriggerStatus(functionName, source.streamArn(), settings,
                workers.values().stream().map(ShardWorker::position).toList(), counters.snapshot(),
                Optional.ofNullable(counters.iteratorAge.get()), counters.lastResult.get());
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
                LOG.warn("trigger {}: cannot describe stream {}: {}", settings.name(), source.streamArn(), e.getMessage());
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
        List<SourceShard> shards = source.shards();
        boolean startAtLatest = firstDiscovery
                && settings.startingPosition() == StreamTriggerDefinition.StartingPosition.LATEST;
        if (startAtLatest) {
            // LATEST: a shard already closed when the mapping starts has nothing new to deliver, ever.
            shards.stream().filter(SourceShard::closed).forEach(shard -> skippedShards.add(shard.shardId()));
        }
        Set<String> present = new HashSet<>();
        shards.forEach(shard -> present.add(shard.shardId()));
        int unstarted = 0;
        for (SourceShard shard : shards) {
            if (workers.containsKey(shard.shardId()) || skippedShards.contains(shard.shardId())) {
                continue;
            }
            // A split shard has one parent, a merged Kinesis shard two: wait for every one still in the stream.
            boolean parentPending = shard.parentShardIds().stream().anyMatch(parent -> present.contains(parent)
                    && !skippedShards.contains(parent) && (!workers.containsKey(parent) || !workers.get(parent).finished()));
            if (parentPending) {
                unstarted++;
                continue;
            }
            startWorker(shard.shardId(), startAtLatest ? StartingPoint.LATEST : StartingPoint.TRIM_HORIZON);
        }
        unstartedShards = unstarted;
    }

    private void startWorker(String shardId, StartingPoint startAt) {
        ShardWorker<?> worker = newWorker.apply(shardId, startAt);
        workers.put(shardId, worker);
        Thread thread = new Thread(worker, "trigger-" + functionName + "-" + shardId);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** One lane per ParallelizationFactor, each with its own execution environment. */
    private List<ShardLane> lanes(String shardId, InvocationRecord.Source recordSource) {
        List<ShardLane> lanes = new ArrayList<>();
        for (int i = 0; i < settings.parallelizationFactor(); i++) {
            LocalFunction function = newFunction();
            Optional<TumblingWindow> window = settings.tumblingWindow().map(TumblingWindow::new);
            LambdaEventCodec codec = new LambdaEventCodec(settings.tumblingWindow(), shardId, source.streamArn(),
                    settings.reportBatchItemFailures());
            LaneBuffer buffer = new LaneBuffer(Math.max(4 * settings.batchSize(), 1_000), pollInterval);
            FailureRouter failures = new FailureRouter(settings.onFailureDestination(), destination, function.name(),
                    function.arn(), shardId, source.streamArn(), recordSource, counters, clock);
            BatchProcessor processor = new BatchProcessor(settings.maximumRetryAttempts(), settings.maximumRecordAge(),
                    settings.bisectBatchOnFunctionError(), function, codec, failures, window, counters, clock,
                    pollInterval, buffer::stopped, shardId);
            lanes.add(new ShardLane(buffer, new BatchCutter(settings.batchSize(), settings.maximumBatchingWindow(),
                    window, codec, clock, pollInterval), processor, window));
        }
        return lanes;
    }

    private synchronized LocalFunction newFunction() {
        LocalFunction function = functions.get();
        createdFunctions.add(function);
        return function;
    }
}
