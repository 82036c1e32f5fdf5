package dev.ddbstreams.localcloud.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.ddbstreams.localcloud.http.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local running inside this JVM, in memory, with streams, reachable over HTTP on a port
 * of this machine.
 *
 * <p>It runs as a server rather than in DynamoDB Local's embedded (no-HTTP) mode for two
 * reasons: handlers must reach it through the SDK's standard endpoint configuration, exactly as
 * they reach DynamoDB on AWS, and embedded mode reports stream records' creation time a thousand
 * times too large. Several instances can run at once; each stands for one region.
 *
 * <p>{@code -sharedDb} makes every access key and region see the same tables, so the AWS CLI,
 * handlers and tests all see one database. Telemetry is always off: it would try to reach the
 * network and write a file into the working directory.
 *
 * <p>It listens on the loopback interface unless told otherwise: DynamoDB Local has no IAM and
 * would give anyone on the network every table. Its command line has no option for the address
 * (its Jetty server is built for every interface), so the connector's host is set before it starts.
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** DynamoDB Local accepts any credentials, but only alphanumeric access keys. */
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private static final int PORT_ATTEMPTS = 5;

    /**
     * DynamoDB Local runs on SDK v1, which warns through java.util.logging that JAXB is missing;
     * it works without it. The reference keeps the level from being garbage collected.
     */
    private static final java.util.logging.Logger SDK_V1_LOG = quietSdkV1Log();

    private final DynamoDBProxyServer server;
    private final ServerConnector connector;
    private final int port;
    private final Region region;
    private final SdkHttpClient httpClient;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;

    private LocalDynamoDb(DynamoDBProxyServer server, ServerConnector connector, int port, Region region) {
        this.server = server;
        this.connector = connector;
        this.port = port;
        this.region = region;
        this.httpClient = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(region)
                .credentialsProvider(CREDENTIALS)
                .httpClient(httpClient)
                .build();
        this.streams = DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint())
                .region(region)
                .credentialsProvider(CREDENTIALS)
                .httpClient(httpClient)
                .build();
    }

    /** Starts an instance on a free port, standing for {@code us-east-1}. */
    public static LocalDynamoDb start() {
        return start(Region.US_EAST_1);
    }

    /** Starts an instance on a free port of the loopback interface, standing for the given region. */
    public static LocalDynamoDb start(Region region) {
        return start(region, InetAddress.getLoopbackAddress());
    }

    /** Starts an instance on a free port of the given address, standing for the given region. */
    public static LocalDynamoDb start(Region region, InetAddress bindAddress) {
        BindException lastFailure = null;
        // A free port can be taken by another process between probing and binding: try again.
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try {
                return start(region, FreePort.find(), bindAddress);
            } catch (PortInUseException e) {
                lastFailure = e.cause;
            }
        }
        throw new IllegalStateException("no free port for DynamoDB Local after " + PORT_ATTEMPTS + " attempts",
                lastFailure);
    }

    /**
     * Starts an instance on the given port of the loopback interface (DynamoDB Local rejects port 0).
     *
     * @throws IllegalStateException if the port is taken or the server does not start
     */
    public static LocalDynamoDb start(Region region, int port) {
        return start(region, port, InetAddress.getLoopbackAddress());
    }

    /**
     * Starts an instance on the given address and port; any address other than loopback opens
     * DynamoDB Local, unauthenticated, to the network.
     */
    public static LocalDynamoDb start(Region region, int port, InetAddress bindAddress) {
        DynamoDBProxyServer server;
        ServerConnector connector;
        // DynamoDB Local prints a banner on standard output; keep it for the error message only.
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        System.setOut(new PrintStream(banner, true, StandardCharsets.UTF_8));
        try {
            server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
            connector = connectorOf(server);
            connector.setHost(bindAddress.getHostAddress());
            server.start();
        } catch (Exception e) {
            BindException bind = bindExceptionIn(e);
            if (bind != null) {
                throw new PortInUseException(port, bind);
            }
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage()
                    + System.lineSeparator() + banner.toString(StandardCharsets.UTF_8), e);
        } finally {
            System.setOut(standardOut);
        }
        return new LocalDynamoDb(server, connector, port, region);
    }

    /** The address and port the server is listening on. */
    public InetSocketAddress boundAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DynamoDB Local's address", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    public int port() {
        return port;
    }

    public Region region() {
        return region;
    }

    /** A client for this instance, built once and shared; closed by {@link #close()}. */
    public DynamoDbClient dynamoDbClient() {
        return dynamoDb;
    }

    /** A DynamoDB Streams client for this instance, built once and shared; closed by {@link #close()}. */
    public DynamoDbStreamsClient streamsClient() {
        return streams;
    }

    /** Stops the server. DynamoDB Local leaves some threads behind, so a {@code main} must still exit explicitly. */
    @Override
    public void close() {
        dynamoDb.close();
        streams.close();
        httpClient.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local on port " + port + " did not stop: " + e.getMessage(), e);
        }
    }

    private static java.util.logging.Logger quietSdkV1Log() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("com.amazonaws");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    /** DynamoDB Local keeps its Jetty server private; its one connector is the listener. */
    private static ServerConnector connectorOf(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (ServerConnector) ((Server) field.get(proxy)).getConnectors()[0];
    }

    private static BindException bindExceptionIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        return null;
    }

    /** The port was taken: the caller may try another. */
    public static final class PortInUseException extends IllegalStateException {
        private final transient BindException cause;

        PortInUseException(int port, BindException cause) {
            super("port " + port + " is already in use", cause);
            this.cause = cause;
        }
    }
}
