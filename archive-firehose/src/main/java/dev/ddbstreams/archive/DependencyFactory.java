package dev.ddbstreams.archive;

import dev.ddbstreams.lambda.FunctionEnvironment;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Builds the Firehose client once per execution environment: region from the function's
 * environment, the url-connection HTTP client (the one client in the jar, quick to start), and
 * the default credentials chain. The endpoint comes from the SDK's standard configuration, so the
 * same code reaches Firehose on AWS and the local Firehose (which sets {@code aws.endpointUrlFirehose}).
 */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static FirehoseClient firehoseClient() {
        return FirehoseClient.builder()
                .region(Region.of(FunctionEnvironment.require("AWS_REGION")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
