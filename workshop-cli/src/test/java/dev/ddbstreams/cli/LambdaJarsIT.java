package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ddbstreams.cli.coldstart.ColdStart;
import dev.ddbstreams.cli.coldstart.ColdStartLauncher;
import dev.ddbstreams.cli.coldstart.SampleEvents;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehose;
import dev.ddbstreams.localcloud.s3.S3Endpoint;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The safety net of the shrunk Lambda jars: a class a jar lacks fails only when a path that
 * needs it runs, so every function of every pattern template runs here from its module's Lambda
 * jar in a fresh JVM (only the jar, the Lambda runtime's serialisers and {@link ColdStartLauncher}
 * on its class path, as {@code ./workshop bench cold-start} runs it) through: SnapStart priming and
 * a normal batch; the same batch again, as Lambda retries one (the conditional writes' and
 * transactions' refusals unmarshalled into their exceptions, with cancellation reasons); for a
 * function that writes a table, the batch when DynamoDB answers ProvisionedThroughputExceeded
 * (retried); for a function with a quarantine, a batch whose first record is poison, kept in the
 * local S3 with its content, logged through the Lambda runtime's logger as on AWS; and the same
 * batch when S3 first answers 503 SlowDown, retried, logged as the local cloud's JSON lines. The
 * jars are shrunk by ProGuard (lambda-jars.pro): a class or method it removed that a path needs
 * fails here.
 */
class LambdaJarsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";

    /** How each handler with a quarantine is handed a record it can never apply. */
    private enum Poison {
        /** An attribute value with two types: not a change record. */
        TWO_TYPES,
        /** A partition key of 3,000 bytes: past DynamoDB's 2,048. */
        LONG_KEY,
        /** An attribute of 200,000 control characters: its archive line is past Firehose's 1,000 KiB. */
        OVERSIZED_LINE,
        /** Kinesis data that is not UTF-8 JSON. */
        NOT_JSON
    }

    private static final Map<String, Poison> POISON = Map.of(
            "VoteCountHandler", Poison.TWO_TYPES, "StatisticsHandler", Poison.TWO_TYPES,
            "ScoreSumHandler", Poison.TWO_TYPES, "ReplicaHandler", Poison.LONG_KEY,
            "ArchiveHandler", Poison.OVERSIZED_LINE, "KinesisScoreHandler", Poison.NOT_JSON);

    static Stream<String> templates() {
        return ColdStartBenchCommand.TEMPLATES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyFunction_fromItsShadedJar_primesHandlesABatchAndQuarantinesPoison(String templateFile, @TempDir Path work)
            throws Exception {
        Path moduleFolder = Path.of("..").resolve(templateFile).getParent();
        String module = moduleFolder.getFileName().toString();
        Path jar = moduleFolder.resolve("target").resolve(module + "-lambda.jar");
        AtomicInteger slowDowns = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        try (LocalDynamoDb local = LocalDynamoDb.start();
                LocalFirehose firehose = LocalFirehose.start(REGION, FirehoseFaults.NONE, Clock.systemUTC(),
                        LocalCloud.FIREHOSE_DELIVERY_CHECK);
                S3Endpoint s3 = S3Endpoint.start(work.resolve("s3"), REGION);
                FailingFront slowS3 = new FailingFront(s3.uri(), slowDowns, S3_SLOW_DOWN);
                FailingFront throttlingDynamoDb = new FailingFront(local.endpoint(), throttled, THROUGHPUT_EXCEEDED)) {
            Template template = new TemplateReader(StackSettings.of("it", REGION)).read(moduleFolder.resolve("template.yaml"));
            template.deliveryStreams().forEach(stream -> firehose.addDeliveryStream(
                    stream.config(work.resolve("firehose").resolve(stream.bucketLogicalId()))));
            SampleEvents samples = SampleEvents.in(moduleFolder.resolve("events"));
            Map<String, String> endpoints = Map.of(LocalCloud.FIREHOSE_ENDPOINT_PROPERTY, firehose.endpoint().toString());
            ColdStart direct = new ColdStart(work, local.endpoint(), with(endpoints, LocalCloud.S3_ENDPOINT_PROPERTY,
                    s3.uri().toString()), REGION);
            ColdStart slow = new ColdStart(work, local.endpoint(), with(endpoints, LocalCloud.S3_ENDPOINT_PROPERTY,
                    slowS3.uri().toString()), REGION);
            ColdStart throttling = new ColdStart(work, throttlingDynamoDb.uri(), with(endpoints,
                    LocalCloud.S3_ENDPOINT_PROPERTY, s3.uri().toString()), REGION);
            int ran = 0;
            for (FunctionDefinition function : template.functions()) {
                String sample = samples.forFunction(function).orElse(null);
                if (sample == null) {
                    continue;
                }
                ran++;
                String bucket = function.environment().get("QUARANTINE_BUCKET");
                if (bucket != null) {
                    s3.createBucket(bucket);
                }
                Path event = Files.writeString(work.resolve(function.logicalId() + ".json"), sample);

                ColdStartBenchCommand.resetTables(local.dynamoDbClient(), template);
                String normal = direct.launch(jar, function.handlerClassName(), function.environment(), event, true);
                assertThat(normal).as(function.logicalId()).contains(ColdStartLauncher.RESPONSE_PREFIX)
                        .doesNotContain("Exception", "Error:");
                String replayed = direct.launch(jar, function.handlerClassName(), function.environment(), event, false);
                assertThat(replayed).as(function.logicalId() + ", the batch again").contains(ColdStartLauncher.RESPONSE_PREFIX)
                        .doesNotContain("Error:");
                if (function.environment().keySet().stream().anyMatch(name -> name.endsWith("_TABLE"))) {
                    ColdStartBenchCommand.resetTables(local.dynamoDbClient(), template);
                    int throttledBefore = throttled.get();
                    String retried = throttling.launch(jar, function.handlerClassName(), function.environment(), event, false);
                    assertThat(throttled.get()).as(function.logicalId() + " was throttled").isGreaterThan(throttledBefore);
                    assertThat(retried).as(function.logicalId() + ", throttled").contains(ColdStartLauncher.RESPONSE_PREFIX)
                            .doesNotContain("Error:");
                }
                if (bucket == null) {
                    continue;
                }
                assertThat(objects(s3.root().resolve(bucket))).as("quarantined from a valid batch").isEmpty();

                String simpleName = function.handlerClassName().substring(function.handlerClassName().lastIndexOf('.') + 1);
                Poison poison = POISON.get(simpleName);
                assertThat(poison).as("a poison record for " + simpleName + ", which has a quarantine").isNotNull();
                JsonNode poisoned = poisoned(JSON.readTree(sample), poison);
                String poisonId = poisoned.get("Records").get(0).get("eventID").asText();
                Files.writeString(event, JSON.writeValueAsString(poisoned));

                ColdStartBenchCommand.resetTables(local.dynamoDbClient(), template);
                String onAws = direct.launch(jar, function.handlerClassName(),
                        with(function.environment(), "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9"), event, true);
                List<Path> kept = objects(s3.root().resolve(bucket));
                assertThat(kept).as(function.logicalId() + " quarantined the poison record").hasSize(1);
                assertThat(Files.readString(kept.get(0))).contains(poisonId);
                assertThat(onAws).containsIgnoringCase("quarantine");
                Files.delete(kept.get(0));

                ColdStartBenchCommand.resetTables(local.dynamoDbClient(), template);
                int before = slowDowns.get();
                String slowed = slow.launch(jar, function.handlerClassName(),
                        with(function.environment(), "AWS_LAMBDA_FUNCTION_NAME", function.logicalId()), event, false);
                assertThat(slowDowns.get()).as("S3 answered SlowDown once").isEqualTo(before + 1);
                kept = objects(s3.root().resolve(bucket));
                assertThat(kept).as(function.logicalId() + " quarantined the poison record after a SlowDown").hasSize(1);
                assertThat(Files.readString(kept.get(0))).contains(poisonId);
                assertThat(slowed.lines().filter(line -> line.startsWith("{\"timestamp\":")).map(LambdaJarsIT::tree))
                        .as("JSON log lines").anySatisfy(line -> {
                            assertThat(line.get("level").asText()).isEqualTo("WARN");
                            assertThat(line.get("message").asText()).containsIgnoringCase("quarantine");
                        });
                Files.delete(kept.get(0));
            }
            assertThat(ran).as("functions with a sample event in " + module).isPositive();
        }
    }

    /** A jar's ServiceLoader entries name classes that are in it (ProGuard reads no META-INF/services). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyServiceProvider_aJarNames_isInTheJar(String templateFile) throws IOException {
        Path moduleFolder = Path.of("..").resolve(templateFile).getParent();
        Path jar = moduleFolder.resolve("target").resolve(moduleFolder.getFileName() + "-lambda.jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> providers = zip.stream().filter(entry -> entry.getName().startsWith("META-INF/services/")
                            && !entry.isDirectory())
                    .flatMap(entry -> lines(zip, entry)).toList();
            assertThat(providers).as("providers listed in " + jar).isNotEmpty();
            assertThat(providers).allSatisfy(provider -> assertThat(zip.getEntry(provider.replace('.', '/') + ".class"))
                    .as(provider).isNotNull());
        }
    }

    /**
     * The jars carry lambda-service-metadata's provider in place of the SDK's: every SDK client in a
     * jar must be one it lists, with the signing region the SDK's full provider (the test's class
     * path) gives in every region (what a client reads of it), and a service it does not list falls
     * back to the SDK's default.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyClient_inAJar_hasTheSdksServiceMetadata(String templateFile) throws Exception {
        Path moduleFolder = Path.of("..").resolve(templateFile).getParent();
        Path jar = moduleFolder.resolve("target").resolve(moduleFolder.getFileName() + "-lambda.jar");
        List<String> clients;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            clients = zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches("software/amazon/awssdk/services/.*/[A-Za-z0-9]+Client\\.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(LambdaJarsIT::isSdkClientInterface)
                    .toList();
        }
        assertThat(clients).as("SDK clients in " + jar).isNotEmpty();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> regionType = loader.loadClass(Region.class.getName());
            Class<?> metadataType = loader.loadClass(ServiceMetadata.class.getName());
            Method regionOf = regionType.getMethod("of", String.class);
            Method metadataOf = metadataType.getMethod("of", String.class);
            Method signingRegion = metadataType.getMethod("signingRegion", regionType);
            assertThat(metadataOf.invoke(null, "ec2").getClass().getSimpleName())
                    .as("a service no handler calls, in " + jar).isEqualTo("DefaultServiceMetadata");
            for (String client : clients) {
                String service = (String) Class.forName(client).getField("SERVICE_METADATA_ID").get(null);
                Object metadata = metadataOf.invoke(null, service);
                assertThat(metadata.getClass().getSimpleName()).as(client + "'s service " + service + " in " + jar)
                        .isNotEqualTo("DefaultServiceMetadata");
                for (Region region : Region.regions()) {
                    Object inJar = regionOf.invoke(null, region.id());
                    ServiceMetadata expected = ServiceMetadata.of(service);
                    assertThat(signingRegion.invoke(metadata, inJar).toString()).as(service + " in " + region)
                            .isEqualTo(expected.signingRegion(region).toString());
                }
            }
        }
    }

    private static boolean isSdkClientInterface(String className) {
        try {
            Class<?> type = Class.forName(className);
            return type.isInterface() && SdkClient.class.isAssignableFrom(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is in a Lambda jar but not on this test's class path", e);
        }
    }

    private static Stream<String> lines(ZipFile zip, ZipEntry entry) {
        try {
            return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> map, String name, String value) {
        Map<String, String> copy = new HashMap<>(map);
        copy.put(name, value);
        return copy;
    }

    private static JsonNode poisoned(JsonNode event, Poison poison) {
        ObjectNode copy = event.deepCopy();
        ObjectNode first = (ObjectNode) copy.get("Records").get(0);
        switch (poison) {
            case TWO_TYPES -> image(first).putObject("poison").put("S", "x").put("N", "1");
            case OVERSIZED_LINE -> image(first).putObject("poison").put("S", "\u0001".repeat(200_000));
            case LONG_KEY -> {
                ObjectNode keys = (ObjectNode) first.get("dynamodb").get("Keys");
                String name = keys.fieldNames().next();
                String longKey = "k".repeat(3_000);
                keys.putObject(name).put("S", longKey);
                image(first).putObject(name).put("S", longKey);
            }
            case NOT_JSON -> ((ObjectNode) first.get("kinesis")).put("data",
                    Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0}));
        }
        return copy;
    }

    private static ObjectNode image(ObjectNode record) {
        JsonNode image = record.get("dynamodb").get("NewImage");
        assertThat(image).as("the sample's first record has a new image").isNotNull();
        return (ObjectNode) image;
    }

    private static List<Path> objects(Path bucket) throws IOException {
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON log line: " + line, e);
        }
    }

    /** An error a {@link FailingFront} answers, and the request headers it passes on. */
    private record Failure(int status, String contentType, String body, List<String> forwardedHeaders) {
    }

    private static final Failure S3_SLOW_DOWN = new Failure(503, "application/xml",
            "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
            List.of("Content-Type"));

    /** DynamoDB Local reads the operation from X-Amz-Target and the account from Authorization. */
    private static final Failure THROUGHPUT_EXCEEDED = new Failure(400, "application/x-amz-json-1.0",
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}",
            List.of("Content-Type", "X-Amz-Target", "Authorization", "X-Amz-Date"));

    /** A front of a local service that answers its first request (and every other) with a failure and passes the others on. */
    private static final class FailingFront implements AutoCloseable {

        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final URI target;
        private final AtomicInteger failures;
        private final Failure failure;
        private final AtomicInteger requests = new AtomicInteger();

        FailingFront(URI target, AtomicInteger failures, Failure failure) throws IOException {
            this.target = target;
            this.failures = failures;
            this.failure = failure;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (requests.getAndIncrement() % 2 == 0) {
                    failures.incrementAndGet();
                    byte[] error = failure.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", failure.contentType());
                    exchange.sendResponseHeaders(failure.status(), error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (failure.forwardedHeaders().stream().anyMatch(name::equalsIgnoreCase)) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                exchange.getResponseBody().write(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
