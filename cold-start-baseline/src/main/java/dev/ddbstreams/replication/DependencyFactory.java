package dev.ddbstreams.replication;

import dev.ddbstreams.coldstart.LazyClient;
import dev.ddbstreams.lambda.FunctionEnvironment;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * BASELINE for {@code ./workshop bench cold-start} only, never deployed: replaces the replication
 * module's DependencyFactory in {@code replication-lambda-default.jar}. The default way: a client
 * with only its region set (the SDK's default HTTP client and credentials), built on first use.
 */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    /** As the real one: the handlers' constructors call it. */
    public static Region targetRegion() {
        return Region.of(FunctionEnvironment.get("TARGET_REGION").filter(region -> !region.isBlank())
                .orElseGet(() -> FunctionEnvironment.require("AWS_REGION")));
    }

    public static DynamoDbClient dynamoDbClient(Region region) {
        return LazyClient.of(DynamoDbClient.class, () -> DynamoDbClient.builder().region(region).build());
    }
}
