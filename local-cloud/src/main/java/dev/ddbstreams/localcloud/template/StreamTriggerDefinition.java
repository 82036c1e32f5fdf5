package dev.ddbstreams.localcloud.template;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One event source mapping from a DynamoDB stream (or a Kinesis data stream) to a function, with
 * Lambda's defaults filled in where the template leaves a property out.
 *
 * @param name the SAM event name, or the mapping resource's logical id
 * @param source DYNAMODB or KINESIS
 * @param sourceLogicalId the logical id of the table (or Kinesis stream) whose stream is read
 * @param sourceName the table name (or Kinesis stream name)
 * @param batchSize 1..10,000, default 100
 * @param startingPosition TRIM_HORIZON or LATEST
 * @param maximumBatchingWindow 0..300 s, default 0
 * @param filterPatterns the FilterCriteria patterns, each an EventBridge pattern as JSON text; empty = no filter
 * @param reportBatchItemFailures FunctionResponseTypes contains ReportBatchItemFailures
 * @param bisectBatchOnFunctionError default false
 * @param maximumRetryAttempts -1 (forever, the default) or 0..10,000
 * @param maximumRecordAge empty = forever (the default, -1 in the template), else 60..604,800 s
 * @param parallelizationFactor 1..10, default 1
 * @param tumblingWindow empty = none, else 1..900 s
 * @param onFailureDestination DestinationConfig.OnFailure.Destination, resolved (an ARN or a logical id)
 * @param enabled default true
 */
public record StreamTriggerDefinition(String name, Source source, String sourceLogicalId, String sourceName,
        int batchSize, StartingPosition startingPosition, Duration maximumBatchingWindow,
        List<String> filterPatterns, boolean reportBatchItemFailures, boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts, Optional<Duration> maximumRecordAge, int parallelizationFactor,
        Optional<Duration> tumblingWindow, Optional<String> onFailureDestination, boolean enabled) {

    public StreamTriggerDefinition {
        filterPatterns = List.copyOf(filterPatterns);
    }

    public enum Source { DYNAMODB, KINESIS }

    /** The same trigger with another BatchSize: for benchmarks that compare batch sizes. */
    public StreamTriggerDefinition withBatchSize(int size) {
        return new StreamTriggerDefinition(name, source, sourceLogicalId, sourceName, size, startingPosition,
                maximumBatchingWindow, filterPatterns, reportBatchItemFailures, bisectBatchOnFunctionError,
                maximumRetryAttempts, maximumRecordAge, parallelizationFactor, tumblingWindow, onFailureDestination,
                enabled);
    }

    public enum StartingPosition { TRIM_HORIZON, LATEST }

    /** Lambda's defaults for a DynamoDB stream trigger on the given table. */
    public static StreamTriggerDefinition defaults(String name, String tableLogicalId, String tableName) {
        return new StreamTriggerDefinition(name, Source.DYNAMODB, tableLogicalId, tableName, 100,
                StartingPosition.TRIM_HORIZON, Duration.ZERO, List.of(), false, false, -1, Optional.empty(), 1,
                Optional.empty(), Optional.empty(), true);
    }
}
