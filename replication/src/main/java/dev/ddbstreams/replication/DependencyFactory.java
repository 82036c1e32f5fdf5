package dev.ddbstreams.replication;

import dev.ddbstreams.lambda.FunctionEnvironment;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the replica's DynamoDB client once per execution environment: the url-connection HTTP
 * client (the one client in the jar, quick to start) and the default credentials chain. The
 * endpoint comes from the SDK's standard configuration, so the same code reaches DynamoDB on AWS
 * and DynamoDB Local.
 */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    /** The region of the replica: TARGET_REGION if set (cross-region), else the function's own AWS_REGION. */
    public static Region targetRegion() {
        return Region.of(FunctionEnvironment.get("TARGET_REGION").filter(region -> !region.isBlank())
                .orElseGet(() -> FunctionEnvironment.require("AWS_REGION")));
    }

    public static DynamoDbClient dynamoDbClient(Region region) {
        return DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
