package dev.ddbstreams.localcloud.metrics;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;

/**
 * DynamoDB Streams calls per table. The table comes from the stream ARN
 * ({@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}): DescribeStream and
 * GetShardIterator name it, and a shard iterator begins with it (on AWS and on DynamoDB Local),
 * which gives GetRecords its table. Items: the records GetRecords returned.
 */
final class DynamoDbStreamsCallDescriber implements CallDescriber {

    @Override
    public List<ResourceUsage> describe(String operation, SdkRequest request, Optional<SdkResponse> response) {
        Optional<String> table = ModelFields.string(request, "StreamArn")
                .or(() -> ModelFields.string(request, "ShardIterator"))
                .flatMap(DynamoDbStreamsCallDescriber::tableOf)
                .or(() -> ModelFields.string(request, "TableName"));
        long records = response.filter(GetRecordsResponse.class::isInstance)
                .map(r -> (long) ((GetRecordsResponse) r).records().size())
                .orElse(0L);
        return List.of(new ResourceUsage(table.orElse(""), records, 0, false, false, 0, 0));
    }

    /** The table named by a stream ARN or by a shard iterator that begins with one. */
    static Optional<String> tableOf(String streamArnOrIterator) {
        int start = streamArnOrIterator.indexOf(":table/");
        int end = streamArnOrIterator.indexOf("/stream/");
        if (!streamArnOrIterator.startsWith("arn:") || start < 0 || end < start) {
            return Optional.empty();
        }
        return Optional.of(streamArnOrIterator.substring(start + ":table/".length(), end));
    }
}
