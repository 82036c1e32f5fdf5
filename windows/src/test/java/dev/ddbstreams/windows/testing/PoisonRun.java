package dev.ddbstreams.windows.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowingConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The generative poison test of a window aggregator, shared by the patterns: one function of a
 * module's template on the local cloud with Lambda's delivery at its worst (failures before and
 * after the handler's writes, duplicate batches, at a seeded rate), valid changes interleaved at
 * random with poison ones, then the bound within which everything must have drained and the
 * quarantine the poison must be found in.
 */
public final class PoisonRun implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalCloud cloud;
    private final LocalCloud.Deployment deployment;
    private final SplittableRandom random;

    private PoisonRun(LocalCloud cloud, LocalCloud.Deployment deployment, long seed) {
        this.cloud = cloud;
        this.deployment = deployment;
        this.random = new SplittableRandom(seed);
    }

    /** Deploys only {@code function} (and its triggers) of {@code template}, with faults drawn from {@code seed}. */
    public static PoisonRun start(Path work, long seed, Path template, String stack, String function) {
        return start(work, seed, template, stack, function, "fail=0.1,fail-after=0.1,duplicate=0.1");
    }

    /** As {@link #start(Path, long, Path, String, String)}, with other faults ({@link FunctionFaults#parse}, no seed). */
    public static PoisonRun start(Path work, long seed, Path template, String stack, String function, String faults) {
        LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults(function, FunctionFaults.parse(faults + ",seed=" + seed)).start();
        LocalCloud.Deployment deployment = cloud.deploy(template, stack, Map.of(),
                definition -> definition.logicalId().equals(function), trigger -> trigger);
        return new PoisonRun(cloud, deployment, seed);
    }

    public DynamoDbClient dynamoDb() {
        return cloud.dynamoDb().dynamoDbClient();
    }

    /** The run's seeded randomness, for the workloads to draw from. */
    public SplittableRandom random() {
        return random;
    }

    /** Makes {@code changes} changes in a random order: one in {@code poisonOneIn} poison, the rest valid. */
    public void interleave(int changes, int poisonOneIn, IntConsumer valid, IntConsumer poison) {
        for (int i = 0; i < changes; i++) {
            if (random.nextInt(poisonOneIn) == 0) {
                poison.accept(i);
            } else {
                valid.accept(i);
            }
        }
    }

    /**
     * Asserts that the trigger drains and {@code results} hold within {@code bound} of now (the
     * last window closes about a window after its first record), that the faults struck, and that
     * no batch was given up.
     */
    public void assertDrainsWithin(Duration bound, ThrowingConsumer<DynamoDbClient> results) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        assertThat(cloud.awaitIdle(bound)).as("drained within %s", bound).isTrue();
        await().atMost(Duration.between(Instant.now(), deadline).plusMillis(1)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> results.accept(dynamoDb()));
        TriggerStatus.Counts counts = deployment.triggers().get(0).status().counts();
        assertThat(counts.functionErrors() + counts.duplicateDeliveries()).as("the faults must have struck: %s", counts)
                .isPositive();
        assertThat(counts.recordsDiscarded()).isZero();
    }

    /** The write each {@code fail-during} strike came right after, over the trigger's lanes. */
    public List<String> failDuringStrikes() {
        return deployment.triggers().get(0).functions().stream().flatMap(function -> function.failDuringStrikes().stream())
                .toList();
    }

    /** Every object in a bucket of the local S3 (the quarantine), as JSON. */
    public List<JsonNode> bucket(String bucket) {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cloud.workFolder().resolve("s3").resolve(bucket))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                documents.add(JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @Override
    public void close() {
        cloud.close();
    }
}
