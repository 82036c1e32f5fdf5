package dev.ddbstreams.localcloud.template;

import java.util.Optional;

/**
 * What {@link TableDeployer} did with one table of a template.
 *
 * @param timeToLiveAttribute the TTL attribute switched on, when the table was created with one
 */
public record TableDeployment(String logicalId, String tableName, Outcome outcome,
        Optional<String> timeToLiveAttribute) {

    public enum Outcome {
        CREATED,
        /** The table was there with the same key schema and stream, and was left as it was. */
        ALREADY_EXISTS
    }
}
