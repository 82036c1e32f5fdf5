package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition.StartingPosition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds trigger settings for tests, starting from Lambda's defaults. */
final class TriggerSettings {

    private int batchSize = 100;
    private StartingPosition startingPosition = StartingPosition.TRIM_HORIZON;
    private Duration batchingWindow = Duration.ZERO;
    private List<String> filters = List.of();
    private boolean reportBatchItemFailures;
    private boolean bisect;
    private int maximumRetryAttempts = -1;
    private Optional<Duration> maximumRecordAge = Optional.empty();
    private int parallelizationFactor = 1;
    private Optional<Duration> tumblingWindow = Optional.empty();
    private Optional<String> onFailure = Optional.of("arn:aws:sqs:us-east-1:123456789012:failures");

    static TriggerSettings defaults() {
        return new TriggerSettings();
    }

    TriggerSettings batchSize(int value) {
        batchSize = value;
        return this;
    }

    TriggerSettings startingPosition(StartingPosition value) {
        startingPosition = value;
        return this;
    }

    TriggerSettings batchingWindow(Duration value) {
        batchingWindow = value;
        return this;
    }

    TriggerSettings filters(String... patterns) {
        filters = List.of(patterns);
        return this;
    }

    TriggerSettings reportBatchItemFailures() {
        reportBatchItemFailures = true;
        return this;
    }

    TriggerSettings bisect() {
        bisect = true;
        return this;
    }

    TriggerSettings maximumRetryAttempts(int value) {
        maximumRetryAttempts = value;
        return this;
    }

    TriggerSettings maximumRecordAge(Duration value) {
        maximumRecordAge = Optional.of(value);
        return this;
    }

    TriggerSettings parallelizationFactor(int value) {
        parallelizationFactor = value;
        return this;
    }

    TriggerSettings tumblingWindow(Duration value) {
        tumblingWindow = Optional.of(value);
        return this;
    }

    StreamTriggerDefinition build(String table) {
        return new StreamTriggerDefinition("Stream", StreamTriggerDefinition.Source.DYNAMODB, "Table", table,
                batchSize, startingPosition, batchingWindow, filters, reportBatchItemFailures, bisect,
                maximumRetryAttempts, maximumRecordAge, parallelizationFactor, tumblingWindow, onFailure, true);
    }
}
