package dev.ddbstreams.cli;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where a command sends its DynamoDB requests: the SDK's own configuration (environment,
 * profile, {@code AWS_ENDPOINT_URL}), unless {@code --endpoint-url} or {@code --region} say otherwise.
 */
final class EndpointOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "DynamoDB endpoint, e.g. http://localhost:8000 for DynamoDB Local. "
                    + "Default: the SDK's configuration (AWS_ENDPOINT_URL, profile), else AWS.")
    URI endpointUrl;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region. Default: the SDK's configuration (AWS_REGION, profile).")
    String region;

    boolean isSet() {
        return endpointUrl != null || region != null;
    }

    /** A client for bulk work: the Apache HTTP client keeps up where url-connection does not. */
    DynamoDbClient dynamoDbClient() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(resolveRegion())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16)
                        .connectionTimeout(Duration.ofSeconds(5)));
        if (endpointUrl != null) {
            builder.endpointOverride(endpointUrl);
        }
        return builder.build();
    }

    private Region resolveRegion() {
        if (region != null) {
            return Region.of(region);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new UserError("no AWS region is configured: pass --region us-east-1 (any region works "
                    + "for DynamoDB Local) or set AWS_REGION");
        }
    }
}
