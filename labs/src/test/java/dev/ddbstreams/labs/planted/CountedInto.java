package dev.ddbstreams.labs.planted;

import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.windows.ChangeAggregator;

/**
 * What one lab's worked solution counts: its rules, the environment variable naming its totals
 * table, and that table's key (which every total's key must fit). A planted-bug counter takes it
 * and gets one part wrong.
 */
public record CountedInto(ChangeAggregator right, String tableVariable, DynamoDbLimits key) {
}
