package dev.ddbstreams.aggregation;

import dev.ddbstreams.coldstart.LazyClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * BASELINE for {@code ./workshop bench cold-start} only, never deployed: replaces the aggregation
 * module's DependencyFactory in {@code aggregation-lambda-default.jar} and
 * {@code game-scores-lambda-default.jar}. The default way: {@code DynamoDbClient.create()} (the
 * SDK's default HTTP client, region and credentials looked up), built on first use.
 */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static DynamoDbClient dynamoDbClient() {
        return LazyClient.of(DynamoDbClient.class, DynamoDbClient::create);
    }
}
