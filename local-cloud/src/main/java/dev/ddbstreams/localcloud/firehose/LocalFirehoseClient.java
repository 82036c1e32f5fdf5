package dev.ddbstreams.localcloud.firehose;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsRequest;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.PutRecordRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * A local Amazon Data Firehose behind the SDK's own {@link FirehoseClient} interface, so code
 * built against {@code FirehoseClient} runs unchanged. Direct PUT streams with an S3
 * destination, where a local folder stands for the bucket.
 *
 * <p>Implements PutRecord, PutRecordBatch, DescribeDeliveryStream and ListDeliveryStreams with
 * Firehose's limits and error shapes; every other operation keeps the interface's default,
 * which throws {@link UnsupportedOperationException}. Faults (failed entries, throttled calls)
 * are switched on with {@link FirehoseFaults}. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch</a>
 */
public final class LocalFirehoseClient implements FirehoseClient {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFirehoseClient.class);

    private final Map<String, DeliveryStream> streams = new ConcurrentSkipListMap<>();
    private final StatsCounters stats = new StatsCounters();
    private final FaultInjector faults;
    private final InstantSource clock;
    private final String region;
    private final Consumer<DeliveredObject> listener;
    private final Instant createdAt;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    // Record ids: unique per client (random start) and across clients, cheap to make.
    private final String recordIdPrefix = String.format("%016x", ThreadLocalRandom.current().nextLong());
    private final AtomicLong recordSequence = new AtomicLong();

    private LocalFirehoseClient(Builder builder) {
        this.faults = new FaultInjector(builder.faults);
        this.clock = builder.clock;
        this.region = builder.region;
        this.listener = builder.listener;
        // Milliseconds, as Firehose reports it (and as the JSON wire format carries it).
        this.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        builder.configs.forEach(this::addDeliveryStream);
        this.scheduler = builder.deliveryCheckPeriod == null ? null : startScheduler(builder.deliveryCheckPeriod);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a delivery stream (the local stand-in for CreateDeliveryStream).
     *
     * @throws IllegalArgumentException if a stream of that name exists
     */
    public void addDeliveryStream(DeliveryStreamConfig config) {
        DeliveryStream stream = new DeliveryStream(config, stats, listener);
        if (streams.putIfAbsent(config.deliveryStreamName(), stream) != null) {
            throw new IllegalArgumentException("delivery stream " + config.deliveryStreamName() + " already exists");
        }
    }

    @Override
    public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
        requireOpen();
        stats.putRecordBatchCalls.incrementAndGet();
        List<Record> records = request.records();
        stats.callSeen(records.size(), totalBytes(records));
        DeliveryStream stream = admit(request.deliveryStreamName(), () -> PutLimits.checkBatch(request.deliveryStreamName(), records));

        Instant arrival = clock.instant();
        List<PutRecordBatchResponseEntry> entries = new ArrayList<>(records.size());
        List<byte[]> accepted = new ArrayList<>(records.size());
        int failed = 0;
        for (Record record : records) {
            Optional<FaultInjector.RecordFailure> failure = faults.recordFailure();
            if (failure.isPresent()) {
                failed++;
                entries.add(PutRecordBatchResponseEntry.builder().errorCode(failure.get().errorCode())
                        .errorMessage(failure.get().errorMessage()).build());
            } else {
                byte[] data = record.data().asByteArray();
                accepted.add(data);
                stats.accepted(data.length);
                entries.add(PutRecordBatchResponseEntry.builder().recordId(nextRecordId()).build());
            }
        }
        stats.recordsReceived.addAndGet(records.size());
        stats.bytesReceived.addAndGet(totalBytes(records));
        stats.recordsFailed.addAndGet(failed);
        stream.accept(accepted, arrival);
        return PutRecordBatchResponse.builder().failedPutCount(failed).encrypted(false).requestResponses(entries).build();
    }

    /**
     * PutRecord. An injected record failure surfaces as the exception of its error code, since
     * PutRecord has no per-record entries.
     */
    @Override
    public PutRecordResponse putRecord(PutRecordRequest request) {
        requireOpen();
        stats.putRecordCalls.incrementAndGet();
        Record record = request.record();
        long bytes = record == null ? 0 : PutLimits.size(record.data());
        stats.callSeen(record == null ? 0 : 1, bytes);
        DeliveryStream stream = admit(request.deliveryStreamName(), () -> PutLimits.checkSingle(request.deliveryStreamName(), record));

        Instant arrival = clock.instant();
        stats.recordsReceived.incrementAndGet();
        stats.bytesReceived.addAndGet(bytes);
        Optional<FaultInjector.RecordFailure> failure = faults.recordFailure();
        if (failure.isPresent()) {
            stats.recordsFailed.incrementAndGet();
            throw ServiceErrors.SERVICE_UNAVAILABLE_CODE.equals(failure.get().errorCode())
                    ? ServiceErrors.slowDown()
                    : ServiceErrors.internalFailure();
        }
        byte[] data = record.data().asByteArray();
        stats.accepted(data.length);
        stream.accept(List.of(data), arrival);
        return PutRecordResponse.builder().recordId(nextRecordId()).encrypted(false).build();
    }

    @Override
    public DescribeDeliveryStreamResponse describeDeliveryStream(DescribeDeliveryStreamRequest request) {
        requireOpen();
        DeliveryStreamConfig config = streamNamed(request.deliveryStreamName()).config();
        ExtendedS3DestinationDescription s3 = ExtendedS3DestinationDescription.builder()
                .bucketARN("arn:aws:s3:::" + config.bucket().getFileName())
                .prefix(config.prefix().orElse(null))
                .errorOutputPrefix(config.errorOutputPrefix().orElse(null))
                .bufferingHints(BufferingHints.builder().sizeInMBs(config.bufferSizeMb())
                        .intervalInSeconds((int) config.bufferInterval().toSeconds()).build())
                .compressionFormat(config.compression().name())
                .build();
        DeliveryStreamDescription description = DeliveryStreamDescription.builder()
                .deliveryStreamName(config.deliveryStreamName())
                .deliveryStreamARN("arn:aws:firehose:" + region + ":" + ServiceErrors.ACCOUNT_ID + ":deliverystream/"
                        + config.deliveryStreamName())
                .deliveryStreamStatus(DeliveryStreamStatus.ACTIVE)
                .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                .versionId(String.valueOf(ObjectKeyLayout.VERSION))
                .createTimestamp(createdAt)
                .destinations(DestinationDescription.builder().destinationId("destinationId-000000000001")
                        .extendedS3DestinationDescription(s3).build())
                .hasMoreDestinations(false)
                .build();
        return DescribeDeliveryStreamResponse.builder().deliveryStreamDescription(description).build();
    }

    /** Names in alphabetical order; Limit defaults to 10, as in Firehose. */
    @Override
    public ListDeliveryStreamsResponse listDeliveryStreams(ListDeliveryStreamsRequest request) {
        requireOpen();
        int limit = request.limit() == null ? 10 : request.limit();
        String after = request.exclusiveStartDeliveryStreamName();
        boolean directPutWanted = request.deliveryStreamType() == null
                || request.deliveryStreamType() == DeliveryStreamType.DIRECT_PUT;
        // Every local stream is Direct PUT.
        List<String> names = !directPutWanted ? List.of() : streams.keySet().stream()
                .filter(name -> after == null || name.compareTo(after) > 0)
                .toList();
        return ListDeliveryStreamsResponse.builder()
                .deliveryStreamNames(names.subList(0, Math.min(limit, names.size())))
                .hasMoreDeliveryStreams(names.size() > limit)
                .build();
    }

    /** Delivers every buffer now, whatever its hints (tests; also what {@link #close()} does). */
    public void flush() {
        streams.values().forEach(DeliveryStream::flush);
    }

    /** Delivers the buffers whose interval has passed on the clock; the background scheduler calls this. */
    public void flushIfDue() {
        Instant now = clock.instant();
        streams.values().forEach(stream -> stream.deliverIfDue(now));
    }

    /** Makes the next {@code count} records fail, whatever the configured rates (fault labs). */
    public void failNextRecords(int count) {
        faults.failNextRecords(count);
    }

    public FirehoseStats stats() {
        return stats.snapshot();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /**
     * Stops the background scheduler and delivers everything still buffered (real Firehose
     * would deliver it when the interval passes). Idempotent.
     *
     * @throws IllegalStateException if a buffer could not be written; its records are lost
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (scheduler != null) {
            scheduler.shutdown();
            awaitScheduler();
        }
        List<String> undelivered = new ArrayList<>();
        Exception cause = null;
        for (DeliveryStream stream : streams.values()) {
            if (!stream.flush()) {
                undelivered.add(stream.config().deliveryStreamName());
                cause = stream.lastFailure();
            }
        }
        if (!undelivered.isEmpty()) {
            throw new IllegalStateException("closed with undelivered records in " + undelivered
                    + ": could not write to the bucket folder", cause);
        }
    }

    private DeliveryStream admit(String deliveryStreamName, Runnable limitCheck) {
        try {
            limitCheck.run();
            DeliveryStream stream = streamNamed(deliveryStreamName);
            if (faults.throttleCall()) {
                stats.throttledCalls.incrementAndGet();
                throw ServiceErrors.slowDown();
            }
            return stream;
        } catch (InvalidArgumentException | ResourceNotFoundException e) {
            stats.rejectedCalls.incrementAndGet();
            throw e;
        }
    }

    private DeliveryStream streamNamed(String deliveryStreamName) {
        DeliveryStream stream = deliveryStreamName == null ? null : streams.get(deliveryStreamName);
        if (stream == null) {
            throw ServiceErrors.deliveryStreamNotFound(deliveryStreamName);
        }
        return stream;
    }

    private String nextRecordId() {
        return recordIdPrefix + String.format("%016x", recordSequence.incrementAndGet());
    }

    private static long totalBytes(List<Record> records) {
        long total = 0;
        for (Record record : records) {
            total += record == null ? 0 : PutLimits.size(record.data());
        }
        return total;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the local Firehose client is closed");
        }
    }

    private ScheduledExecutorService startScheduler(Duration period) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "local-firehose-delivery");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::flushIfDueLogged, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    // A scheduled task that throws is never run again: deliveries would stop without a word.
    private void flushIfDueLogged() {
        try {
            flushIfDue();
        } catch (RuntimeException e) {
            LOG.error("background delivery check failed; will try again on the next tick", e);
        }
    }

    private void awaitScheduler() {
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("background delivery did not stop within 10 s; flushing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link LocalFirehoseClient}. */
    public static final class Builder {
        private final List<DeliveryStreamConfig> configs = new ArrayList<>();
        private FirehoseFaults faults = FirehoseFaults.NONE;
        private InstantSource clock = InstantSource.system();
        private String region = "us-east-1";
        private Consumer<DeliveredObject> listener = object -> { };
        private Duration deliveryCheckPeriod;

        private Builder() {
        }

        /** Adds a delivery stream; repeatable. */
        public Builder deliveryStream(DeliveryStreamConfig config) {
            configs.add(Objects.requireNonNull(config, "config"));
            return this;
        }

        public Builder faults(FirehoseFaults newFaults) {
            this.faults = Objects.requireNonNull(newFaults, "faults");
            return this;
        }

        /** The clock for arrival times, key names and intervals; tests pass one they move by hand. */
        public Builder clock(InstantSource newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** The region in ARNs (default us-east-1). */
        public Builder region(String newRegion) {
            this.region = Objects.requireNonNull(newRegion, "region");
            return this;
        }

        /** Told about every object written, in delivery order (called on the delivering thread). */
        public Builder onDelivery(Consumer<DeliveredObject> newListener) {
            this.listener = Objects.requireNonNull(newListener, "listener");
            return this;
        }

        /**
         * Checks buffer intervals on a daemon thread every {@code period}, for real runs; without
         * it, intervals are checked on each put and by {@link #flushIfDue()}.
         */
        public Builder backgroundDelivery(Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("background delivery period must be positive, was " + period);
            }
            this.deliveryCheckPeriod = period;
            return this;
        }

        public LocalFirehoseClient build() {
            return new LocalFirehoseClient(this);
        }
    }
}
