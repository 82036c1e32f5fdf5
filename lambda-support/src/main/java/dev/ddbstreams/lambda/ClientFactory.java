package dev.ddbstreams.lambda;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A way to build a handler's SDK clients, chosen by {@link LambdaClients}: the jar's one
 * {@code META-INF/services/dev.ddbstreams.lambda.ClientFactory} entry, or the url-connection way
 * when the jar has none.
 */
public interface ClientFactory {

    /**
     * @param type the client's interface, e.g. {@code DynamoDbClient.class}
     * @param builder a new builder of that client, e.g. {@code DynamoDbClient::builder}
     * @param region the region to reach; empty for the function's own ({@code AWS_REGION})
     */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(Class<C> type,
            Supplier<B> builder, Optional<Region> region);

    /** The HTTP client of a request sent without a service client (the quarantine's signed PutObject). */
    SdkHttpClient httpClient();
}
