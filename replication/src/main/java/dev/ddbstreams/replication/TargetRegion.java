package dev.ddbstreams.replication;

import dev.ddbstreams.lambda.FunctionEnvironment;
import software.amazon.awssdk.regions.Region;

/** The region of the replica: TARGET_REGION if set (cross-region), else the function's own AWS_REGION. */
final class TargetRegion {

    private TargetRegion() {
    }

    static Region fromEnvironment() {
        return Region.of(FunctionEnvironment.get("TARGET_REGION").filter(region -> !region.isBlank())
                .orElseGet(() -> FunctionEnvironment.require("AWS_REGION")));
    }
}
