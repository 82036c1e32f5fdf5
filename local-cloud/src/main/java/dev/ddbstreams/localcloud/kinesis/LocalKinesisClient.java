package dev.ddbstreams.localcloud.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.CreateStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.EnhancedMetrics;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamModeDetails;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A local Kinesis data stream service behind the SDK's own {@link KinesisClient} interface, so
 * code built against {@code KinesisClient} runs unchanged. Streams live in memory.
 *
 * <p>Implements CreateStream, PutRecord, PutRecords, ListShards, GetShardIterator, GetRecords,
 * DescribeStream and DescribeStreamSummary with Kinesis's limits and error shapes; every other
 * operation keeps the interface's default, which throws {@link UnsupportedOperationException}.
 * A record goes to the shard whose hash key range holds the MD5 of its partition key (or its
 * ExplicitHashKey); shards split the key space evenly and are never resharded. Streams are
 * ACTIVE as soon as they are created. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Operations.html">Kinesis actions</a>
 */
public final class LocalKinesisClient implements KinesisClient {

    /** What an ON_DEMAND stream starts with. */
    static final int ON_DEMAND_SHARDS = 4;
    static final int MAX_GET_RECORDS_LIMIT = 10_000;
    /** GetRecords returns at most 10 MiB of data per call. */
    static final long MAX_GET_RECORDS_BYTES = 10L * 1024 * 1024;
    private static final int DEFAULT_LIST_SHARDS_MAX_RESULTS = 1000;
    private static final int DEFAULT_DESCRIBE_LIMIT = 100;
    private static final int RETENTION_HOURS = 24;
    /** The account in ARNs and messages: the placeholder account templates resolve to locally. */
    private static final String ACCOUNT_ID = "123456789012";

    private final Map<String, KinesisDataStream> streams = new ConcurrentSkipListMap<>();
    private final InstantSource clock;
    private final String region;
    private final AtomicInteger recordsToFail = new AtomicInteger();

    private LocalKinesisClient(Builder builder) {
        this.clock = builder.clock;
        this.region = builder.region;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates an ACTIVE stream at once (AWS goes through CREATING first). PROVISIONED, the
     * default, needs ShardCount; ON_DEMAND starts with 4 shards.
     */
    @Override
    public CreateStreamResponse createStream(CreateStreamRequest request) {
        String name = request.streamName();
        if (name == null || !name.matches("[a-zA-Z0-9_.-]{1,128}")) {
            throw KinesisErrors.validation("1 validation error detected: Value '" + name + "' at 'streamName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have "
                    + "length between 1 and 128");
        }
        StreamMode mode = request.streamModeDetails() == null ? StreamMode.PROVISIONED
                : request.streamModeDetails().streamMode();
        if (mode != StreamMode.PROVISIONED && mode != StreamMode.ON_DEMAND) {
            throw KinesisErrors.invalidArgument("StreamMode must be PROVISIONED or ON_DEMAND");
        }
        Integer shardCount = request.shardCount();
        if (mode == StreamMode.PROVISIONED && (shardCount == null || shardCount < 1)) {
            throw KinesisErrors.invalidArgument("ShardCount is required for a PROVISIONED stream and must be at least 1");
        }
        int maxRecordSize = request.maxRecordSizeInKiB() == null ? RecordLimits.DEFAULT_MAX_RECORD_SIZE_KIB
                : request.maxRecordSizeInKiB();
        if (maxRecordSize < RecordLimits.DEFAULT_MAX_RECORD_SIZE_KIB
                || maxRecordSize > RecordLimits.LARGEST_MAX_RECORD_SIZE_KIB) {
            throw KinesisErrors.invalidArgument("MaxRecordSizeInKiB must be between "
                    + RecordLimits.DEFAULT_MAX_RECORD_SIZE_KIB + " and " + RecordLimits.LARGEST_MAX_RECORD_SIZE_KIB);
        }
        int shards = mode == StreamMode.ON_DEMAND && shardCount == null ? ON_DEMAND_SHARDS : shardCount;
        KinesisDataStream stream = new KinesisDataStream(name, arn(name), mode, shards, maxRecordSize,
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        if (streams.putIfAbsent(name, stream) != null) {
            throw KinesisErrors.streamExists(name, ACCOUNT_ID);
        }
        return CreateStreamResponse.builder().build();
    }

    @Override
    public PutRecordResponse putRecord(PutRecordRequest request) {
        KinesisDataStream stream = stream(request.streamName(), request.streamARN());
        RecordLimits.checkMembers(request.partitionKey(), request.data(), request.explicitHashKey(), "");
        RecordLimits.checkRecordSize(request.partitionKey(), request.data(), stream.maxRecordSizeInKiB(), stream.name());
        KinesisShard shard = stream.shardFor(hashKey(request.partitionKey(), request.explicitHashKey()));
        if (takeInjectedFailure()) {
            throw KinesisErrors.throughputExceeded(rateExceeded(stream, shard));
        }
        Record record = shard.append(request.partitionKey(), request.data(), arrival());
        return PutRecordResponse.builder().shardId(shard.shardId()).sequenceNumber(record.sequenceNumber())
                .encryptionType(EncryptionType.NONE).build();
    }

    /** Entries of the response are index-aligned with the request's; only injected failures fail an entry. */
    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        KinesisDataStream stream = stream(request.streamName(), request.streamARN());
        List<PutRecordsRequestEntry> entries = request.records();
        RecordLimits.checkPutRecords(entries, stream.maxRecordSizeInKiB(), stream.name());
        Instant arrival = arrival();
        List<PutRecordsResultEntry> results = new ArrayList<>(entries.size());
        int failed = 0;
        for (PutRecordsRequestEntry entry : entries) {
            KinesisShard shard = stream.shardFor(hashKey(entry.partitionKey(), entry.explicitHashKey()));
            if (takeInjectedFailure()) {
                failed++;
                results.add(PutRecordsResultEntry.builder().errorCode(KinesisErrors.THROUGHPUT_EXCEEDED)
                        .errorMessage(rateExceeded(stream, shard)).build());
            } else {
                Record record = shard.append(entry.partitionKey(), entry.data(), arrival);
                results.add(PutRecordsResultEntry.builder().shardId(shard.shardId())
                        .sequenceNumber(record.sequenceNumber()).build());
            }
        }
        return PutRecordsResponse.builder().failedRecordCount(failed).records(results)
                .encryptionType(EncryptionType.NONE).build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        KinesisDataStream stream = stream(request.streamName(), request.streamARN());
        if (request.shardId() == null || request.shardIteratorType() == null) {
            throw KinesisErrors.validation("1 validation error detected: ShardId and ShardIteratorType are required; got "
                    + request.shardId() + " and " + request.shardIteratorTypeAsString());
        }
        KinesisShard shard = stream.shard(request.shardId())
                .orElseThrow(() -> KinesisErrors.shardNotFound(request.shardId(), stream.name(), ACCOUNT_ID));
        long position = switch (request.shardIteratorType()) {
            case TRIM_HORIZON -> 0;
            case LATEST -> shard.end();
            case AT_SEQUENCE_NUMBER -> sequencePosition(request, stream, shard);
            case AFTER_SEQUENCE_NUMBER -> Math.min(sequencePosition(request, stream, shard) + 1, shard.end());
            case AT_TIMESTAMP -> {
                if (request.timestamp() == null) {
                    throw KinesisErrors.invalidArgument("Must specify timestampInMillis parameter for iterator of type "
                            + "AT_TIMESTAMP. Current request has no timestamp parameter.");
                }
                yield shard.positionAt(request.timestamp());
            }
            default -> throw KinesisErrors.validation("1 validation error detected: Value '"
                    + request.shardIteratorTypeAsString() + "' at 'shardIteratorType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, AT_TIMESTAMP, "
                    + "TRIM_HORIZON, LATEST]");
        };
        String iterator = new ShardIterator(stream.name(), shard.shardId(), position, clock.instant()).encode();
        return GetShardIteratorResponse.builder().shardIterator(iterator).build();
    }

    /**
     * Records from the iterator's position, at most Limit (default and maximum 10,000) and 10 MiB.
     * MillisBehindLatest is 0 when the page reaches the tip, else the age of the first record left.
     */
    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        if (request.shardIterator() == null) {
            throw KinesisErrors.validation("1 validation error detected: Value null at 'shardIterator' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        int limit = request.limit() == null ? MAX_GET_RECORDS_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_GET_RECORDS_LIMIT) {
            throw KinesisErrors.invalidArgument("Limit " + limit + " is out of range: must be between 1 and "
                    + MAX_GET_RECORDS_LIMIT);
        }
        ShardIterator iterator = ShardIterator.decode(request.shardIterator());
        Instant now = clock.instant();
        if (iterator.expiredAt(now)) {
            throw KinesisErrors.iteratorExpired("Iterator expired. The iterator was created at time "
                    + iterator.issuedAt() + " while right now it is " + now + " which is further in the future than "
                    + "the tolerated delay of " + ShardIterator.LIFETIME.toMillis() + " milliseconds.");
        }
        KinesisDataStream stream = stream(iterator.streamName(), null);
        KinesisShard shard = stream.shard(iterator.shardId())
                .orElseThrow(() -> KinesisErrors.invalidArgument("Invalid ShardIterator."));
        List<Record> records = shard.read(iterator.position(), limit, MAX_GET_RECORDS_BYTES);
        long next = iterator.position() + records.size();
        Instant firstLeft = shard.arrivalAt(next);
        long behind = firstLeft == null ? 0 : Math.max(0, Duration.between(firstLeft, now).toMillis());
        return GetRecordsResponse.builder().records(records)
                .nextShardIterator(new ShardIterator(stream.name(), shard.shardId(), next, now).encode())
                .millisBehindLatest(behind).build();
    }

    /** The stream an iterator this client issued reads, for IAM's check of GetRecords; empty for any other string. */
    public static Optional<String> streamNameOf(String shardIterator) {
        try {
            return Optional.of(ShardIterator.decode(shardIterator).streamName());
        } catch (InvalidArgumentException e) {
            return Optional.empty();
        }
    }

    /** Shards in id order; MaxResults 1..10,000 (default 1,000); NextToken or ExclusiveStartShardId to page on. */
    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
        String streamName = request.streamName();
        String streamArn = request.streamARN();
        int startIndex = 0;
        if (request.nextToken() != null) {
            if (streamName != null || streamArn != null || request.exclusiveStartShardId() != null) {
                throw KinesisErrors.invalidArgument("NextToken and StreamName (or StreamARN or ExclusiveStartShardId) "
                        + "cannot be provided together.");
            }
            ListShardsToken token = ListShardsToken.decode(request.nextToken());
            streamName = token.streamName();
            startIndex = token.nextIndex();
        }
        KinesisDataStream stream = stream(streamName, streamArn);
        List<KinesisShard> shards = stream.shards();
        if (request.exclusiveStartShardId() != null) {
            startIndex = indexAfter(shards, request.exclusiveStartShardId());
        }
        if (request.shardFilter() != null && request.shardFilter().type() == ShardFilterType.AFTER_SHARD_ID) {
            startIndex = Math.max(startIndex, indexAfter(shards, request.shardFilter().shardId()));
        }
        int maxResults = request.maxResults() == null ? DEFAULT_LIST_SHARDS_MAX_RESULTS : request.maxResults();
        if (maxResults < 1 || maxResults > MAX_GET_RECORDS_LIMIT) {
            throw KinesisErrors.invalidArgument("MaxResults " + maxResults + " is out of range: must be between 1 and 10000");
        }
        int end = Math.min(shards.size(), startIndex + maxResults);
        List<Shard> page = shards.subList(Math.min(startIndex, end), end).stream().map(LocalKinesisClient::shard).toList();
        return ListShardsResponse.builder().shards(page)
                .nextToken(end < shards.size() ? new ListShardsToken(stream.name(), end).encode() : null).build();
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        KinesisDataStream stream = stream(request.streamName(), request.streamARN());
        int limit = request.limit() == null ? DEFAULT_DESCRIBE_LIMIT : request.limit();
        int start = request.exclusiveStartShardId() == null ? 0 : indexAfter(stream.shards(), request.exclusiveStartShardId());
        int end = Math.min(stream.shards().size(), start + Math.max(limit, 1));
        List<Shard> shards = stream.shards().subList(Math.min(start, end), end).stream()
                .map(LocalKinesisClient::shard).toList();
        return DescribeStreamResponse.builder().streamDescription(StreamDescription.builder()
                .streamName(stream.name()).streamARN(stream.arn()).streamStatus(StreamStatus.ACTIVE)
                .streamModeDetails(StreamModeDetails.builder().streamMode(stream.mode()).build())
                .shards(shards).hasMoreShards(end < stream.shards().size())
                .retentionPeriodHours(RETENTION_HOURS).streamCreationTimestamp(stream.createdAt())
                .enhancedMonitoring(EnhancedMetrics.builder().shardLevelMetrics(List.of()).build())
                .encryptionType(EncryptionType.NONE).build()).build();
    }

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        KinesisDataStream stream = stream(request.streamName(), request.streamARN());
        return DescribeStreamSummaryResponse.builder().streamDescriptionSummary(StreamDescriptionSummary.builder()
                .streamName(stream.name()).streamARN(stream.arn()).streamStatus(StreamStatus.ACTIVE)
                .streamModeDetails(StreamModeDetails.builder().streamMode(stream.mode()).build())
                .retentionPeriodHours(RETENTION_HOURS).streamCreationTimestamp(stream.createdAt())
                .enhancedMonitoring(EnhancedMetrics.builder().shardLevelMetrics(List.of()).build())
                .encryptionType(EncryptionType.NONE).openShardCount(stream.shards().size()).consumerCount(0)
                .maxRecordSizeInKiB(stream.maxRecordSizeInKiB()).build()).build();
    }

    /**
     * Makes the next {@code count} records put fail with ProvisionedThroughputExceededException
     * (an error entry in PutRecords, the exception in PutRecord), for tests of a producer's retries.
     */
    public void failNextRecords(int count) {
        recordsToFail.addAndGet(count);
    }

    /** The stream names, in alphabetical order. */
    public List<String> streamNames() {
        return List.copyOf(streams.keySet());
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Nothing to release: streams live in memory as long as the client is reachable. */
    @Override
    public void close() {
    }

    private KinesisDataStream stream(String name, String arn) {
        if (name == null && arn == null) {
            throw KinesisErrors.invalidArgument("Either StreamName or StreamARN should be provided.");
        }
        String arnPrefix = "arn:aws:kinesis:" + region + ":" + ACCOUNT_ID + ":stream/";
        if (arn != null && (!arn.startsWith(arnPrefix) || (name != null && !arn.equals(arnPrefix + name)))) {
            throw KinesisErrors.invalidArgument("StreamARN " + arn + (name != null ? " does not name stream " + name
                    : " is not a stream of account " + ACCOUNT_ID + " in " + region));
        }
        String streamName = name != null ? name : arn.substring(arnPrefix.length());
        KinesisDataStream stream = streams.get(streamName);
        if (stream == null) {
            throw KinesisErrors.streamNotFound(streamName, ACCOUNT_ID);
        }
        return stream;
    }

    private long sequencePosition(GetShardIteratorRequest request, KinesisDataStream stream, KinesisShard shard) {
        OptionalLong position = shard.positionOf(request.startingSequenceNumber());
        if (position.isEmpty()) {
            throw KinesisErrors.invalidArgument("StartingSequenceNumber " + request.startingSequenceNumber()
                    + " used in GetShardIterator on shard " + shard.shardId() + " in stream " + stream.name()
                    + " under account " + ACCOUNT_ID + " is invalid because it did not come from this stream.");
        }
        return position.getAsLong();
    }

    private static BigInteger hashKey(String partitionKey, String explicitHashKey) {
        return explicitHashKey != null ? new BigInteger(explicitHashKey) : HashKeyRange.hashOf(partitionKey);
    }

    private Instant arrival() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private boolean takeInjectedFailure() {
        return recordsToFail.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private String rateExceeded(KinesisDataStream stream, KinesisShard shard) {
        return "Rate exceeded for shard " + shard.shardId() + " in stream " + stream.name() + " under account "
                + ACCOUNT_ID + ".";
    }

    private String arn(String streamName) {
        return "arn:aws:kinesis:" + region + ":" + ACCOUNT_ID + ":stream/" + streamName;
    }

    private static int indexAfter(List<KinesisShard> shards, String shardId) {
        for (int i = 0; i < shards.size(); i++) {
            if (shards.get(i).shardId().compareTo(shardId) > 0) {
                return i;
            }
        }
        return shards.size();
    }

    private static Shard shard(KinesisShard shard) {
        return Shard.builder().shardId(shard.shardId())
                .hashKeyRange(software.amazon.awssdk.services.kinesis.model.HashKeyRange.builder()
                        .startingHashKey(shard.hashKeyRange().startingHashKey().toString())
                        .endingHashKey(shard.hashKeyRange().endingHashKey().toString()).build())
                .sequenceNumberRange(SequenceNumberRange.builder()
                        .startingSequenceNumber(shard.startingSequenceNumber()).build())
                .build();
    }

    /** ListShards's NextToken: the stream and the index of the next shard, opaque to callers. */
    private record ListShardsToken(String streamName, int nextIndex) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((nextIndex + "/" + streamName).getBytes(StandardCharsets.UTF_8));
        }

        static ListShardsToken decode(String token) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int slash = plain.indexOf('/');
                return new ListShardsToken(plain.substring(slash + 1), Integer.parseInt(plain.substring(0, slash)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw KinesisErrors.invalidArgument("Invalid NextToken.");
            }
        }
    }

    /** Builds a {@link LocalKinesisClient}. */
    public static final class Builder {
        private InstantSource clock = InstantSource.system();
        private String region = "us-east-1";

        private Builder() {
        }

        /** The clock for arrival times and iterator expiry; tests pass one they move by hand. */
        public Builder clock(InstantSource newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** The region in ARNs (default us-east-1). */
        public Builder region(String newRegion) {
            this.region = Objects.requireNonNull(newRegion, "region");
            return this;
        }

        public LocalKinesisClient build() {
            return new LocalKinesisClient(this);
        }
    }
}
