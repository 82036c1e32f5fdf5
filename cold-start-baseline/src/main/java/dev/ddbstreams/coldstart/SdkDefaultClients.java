package dev.ddbstreams.coldstart;

import dev.ddbstreams.lambda.ClientFactory;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * BASELINE for {@code ./workshop bench cold-start} only, never deployed: the SDK's default way,
 * {@code DynamoDbClient.create()} / {@code FirehoseClient.create()} (the default HTTP client found
 * on the class path, region and credentials looked up), or only the region set when the handler
 * asks for one, built on first use; the SDK's default sync HTTP client (Apache) for the
 * quarantine's PutObject, built on first use too. Selected in this module's jars by their
 * {@code META-INF/services/dev.ddbstreams.lambda.ClientFactory} entry.
 */
public final class SdkDefaultClients implements ClientFactory {

    @Override
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(Class<C> type,
            Supplier<B> builder, Optional<Region> region) {
        return LazyClient.of(type, () -> region.map(chosen -> builder.get().region(chosen)).orElseGet(builder).build());
    }

    @Override
    public SdkHttpClient httpClient() {
        return LazyClient.of(SdkHttpClient.class, ApacheHttpClient::create);
    }
}
