package dev.ddbstreams.windows;

import dev.ddbstreams.records.ChangeRecord;
import java.util.List;

/**
 * Turns one change of a source item into increments of aggregate items. Implementations are pure:
 * the same change always gives the same increments, so replaying a change cannot drift.
 */
@FunctionalInterface
public interface ChangeAggregator {

    /**
     * @return the increments (empty when the change moves no aggregate)
     * @throws InvalidChangeException when the record cannot be aggregated: it is skipped and reported
     */
    List<Increment> increments(ChangeRecord record);
}
