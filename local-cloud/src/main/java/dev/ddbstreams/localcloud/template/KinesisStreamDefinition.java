package dev.ddbstreams.localcloud.template;

/**
 * An {@code AWS::Kinesis::Stream}: a Kinesis data stream the local cloud creates.
 *
 * @param streamName the {@code Name} property, else {@code <StackName>-<LogicalId>} as a stack names it
 * @param onDemand StreamModeDetails ON_DEMAND (4 shards to start with); else PROVISIONED
 * @param shardCount the ShardCount of a PROVISIONED stream (1..); 0 for an ON_DEMAND one
 */
public record KinesisStreamDefinition(String logicalId, String streamName, boolean onDemand, int shardCount) {
}
