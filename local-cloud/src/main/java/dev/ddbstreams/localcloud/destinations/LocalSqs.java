package dev.ddbstreams.localcloud.destinations;

import dev.ddbstreams.localcloud.http.FreePort;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A local SQS on 127.0.0.1: ElasticMQ in this JVM, which speaks SQS's JSON protocol, so the SDK v2
 * and the AWS CLI read its queues as they would SQS's ({@code --endpoint-url}). Messages live in
 * memory. The local cloud creates a template's queues here and sends on-failure records with
 * {@code SendMessage}, as Lambda does.
 */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, URI endpoint, String region) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Starts on a free port; queue URLs name {@code http://127.0.0.1:<port>}. */
    public static LocalSqs start(String region) {
        int port = FreePort.find();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(NodeAddress.apply("http", "127.0.0.1", port, ""))
                .withAWSRegion(region)
                .start();
        server.waitUntilStarted();
        return new LocalSqs(server, URI.create("http://127.0.0.1:" + port), region);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates the queue if it does not exist (as CreateQueue does for the same name), and returns its URL. */
    public String createQueue(String name) {
        return client.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** Sends one message to the named queue, creating the queue first if need be. */
    public void send(String queueName, String body) {
        String url = createQueue(queueName);
        client.sendMessage(b -> b.queueUrl(url).messageBody(body));
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
