package dev.ddbstreams.lambda;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds every handler's SDK clients, once per execution environment (handlers call it from their
 * no-argument constructors): the url-connection HTTP client (the one client in the jar, quick to
 * start), region from the function's {@code AWS_REGION} unless a region is asked for, the default
 * credentials chain. The endpoint comes from the SDK's standard configuration, so the same code
 * reaches AWS, DynamoDB Local and the local Firehose.
 *
 * <p>The seam: a jar that ships a {@link ServiceLoader} entry
 * {@code META-INF/services/dev.ddbstreams.lambda.ClientFactory} builds its clients with the
 * {@link ClientFactory} it names instead. Only {@code cold-start-baseline} does, to build the
 * same handlers the SDK's default way for {@code ./workshop bench cold-start}. A file in the jar,
 * not an environment variable: what a jar builds is fixed when it is packaged, and no template
 * setting can switch a deployed function to the slow way. Two entries are an error.
 */
public final class LambdaClients {

    private static final ClientFactory FACTORY = chosen();

    private LambdaClients() {
    }

    /** A client of the function's own region, e.g. {@code build(DynamoDbClient.class, DynamoDbClient::builder)}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(
            Class<C> type, Supplier<B> builder) {
        return FACTORY.build(type, builder, Optional.empty());
    }

    /** A client of another region (a replica's, say). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(
            Class<C> type, Supplier<B> builder, Region region) {
        return FACTORY.build(type, builder, Optional.of(region));
    }

    /** An HTTP client for a request the SDK has no client for in the jar (the quarantine's PutObject). */
    public static SdkHttpClient httpClient() {
        return FACTORY.httpClient();
    }

    private static ClientFactory chosen() {
        List<ClientFactory> listed = ServiceLoader.load(ClientFactory.class, LambdaClients.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        if (listed.size() > 1) {
            throw new IllegalStateException("more than one " + ClientFactory.class.getName() + " in the jar: " + listed);
        }
        return listed.isEmpty() ? new UrlConnectionClients() : listed.get(0);
    }

    /** What the pattern jars ship. */
    private static final class UrlConnectionClients implements ClientFactory {

        @Override
        public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(
                Class<C> type, Supplier<B> builder, Optional<Region> region) {
            return builder.get()
                    .region(region.orElseGet(() -> Region.of(FunctionEnvironment.require("AWS_REGION"))))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .httpClient(httpClient())
                    .build();
        }

        @Override
        public SdkHttpClient httpClient() {
            return UrlConnectionHttpClient.create();
        }
    }
}
