package dev.ddbstreams.localcloud.trigger;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local's real streams client, except that one GetRecords call answers that the iterator
 * expired. Iterators expire after 15 minutes, too long for a test, so this one fault is injected;
 * everything else is DynamoDB Local.
 */
final class ExpiringStreamsClient implements DynamoDbStreamsClient {

    private final DynamoDbStreamsClient real;
    private final int expireOnCall;
    private final AtomicInteger calls = new AtomicInteger();

    ExpiringStreamsClient(DynamoDbStreamsClient real, int expireOnCall) {
        this.real = real;
        this.expireOnCall = expireOnCall;
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        if (calls.incrementAndGet() == expireOnCall) {
            throw ExpiredIteratorException.builder().message("Iterator expired").build();
        }
        return real.getRecords(request);
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return real.getShardIterator(request);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        return real.describeStream(request);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // The real client belongs to the test's DynamoDB Local.
    }
}
