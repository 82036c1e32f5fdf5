package dev.ddbstreams.cli.coldstart;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.ddbstreams.localcloud.LocalCloud;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts one fresh JVM that cold-starts one handler from one Lambda jar ({@link ColdStartLauncher})
 * and reports its timings. The JVM runs with C1 only ({@code -XX:TieredStopAtLevel=1}), which
 * favours start-up, and sees only the function's environment, static local credentials, the
 * DynamoDB Local endpoint and, when given, other local services' endpoints as system properties
 * ({@code aws.endpointUrlFirehose}, {@code aws.endpointUrlS3}: the SDK's standard configuration
 * prefers them to {@code AWS_ENDPOINT_URL}).
 */
public final class ColdStart {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path launcherFolder;
    private final Path serializationJar;
    private final URI endpoint;
    private final Map<String, String> endpointProperties;
    private final String region;

    /**
     * One cold start's timings.
     *
     * @param toFirstBatchMs from starting the JVM to the first batch handled, measured by the parent
     * @param invokeMs the first invoke alone (deserialising the event and handling it)
     */
    public record Timing(long toFirstBatchMs, long constructMs, long primeMs, long invokeMs) {
    }

    /** @param workFolder where the launcher's class file is copied out to */
    public ColdStart(Path workFolder, URI endpoint, String region) {
        this(workFolder, endpoint, Optional.empty(), region);
    }

    /** @param firehoseEndpoint the local Firehose, for handlers that send to a delivery stream */
    public ColdStart(Path workFolder, URI endpoint, Optional<URI> firehoseEndpoint, String region) {
        this(workFolder, endpoint, firehoseEndpoint.map(uri -> Map.of(LocalCloud.FIREHOSE_ENDPOINT_PROPERTY, uri.toString()))
                .orElse(Map.of()), region);
    }

    /** @param endpointProperties system properties of the child JVM, e.g. {@code aws.endpointUrlS3} */
    public ColdStart(Path workFolder, URI endpoint, Map<String, String> endpointProperties, String region) {
        this.launcherFolder = copyLauncher(workFolder.resolve("launcher"));
        this.serializationJar = codeSource(LambdaEventSerializers.class);
        this.endpoint = endpoint;
        this.endpointProperties = Map.copyOf(endpointProperties);
        this.region = region;
    }

    public Timing run(Path lambdaJar, String handlerClass, Map<String, String> functionEnvironment, Path event,
            boolean prime) throws IOException, InterruptedException {
        long started = System.currentTimeMillis();
        return parse(resultLine(launch(lambdaJar, handlerClass, functionEnvironment, event, prime), handlerClass,
                lambdaJar), started);
    }

    /**
     * Everything the child printed (the handler's log lines, the launcher's {@code response=} and
     * result lines), once it handled the batch.
     *
     * @throws IllegalStateException with that output when the child failed
     */
    public String launch(Path lambdaJar, String handlerClass, Map<String, String> functionEnvironment, Path event,
            boolean prime) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        endpointProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, lambdaJar.toString(), serializationJar.toString(),
                launcherFolder.toString()), ColdStartLauncher.class.getName(), handlerClass, event.toString()));
        if (prime) {
            command.add("--prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.putAll(Map.of("AWS_REGION", region, "AWS_DEFAULT_REGION", region,
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL", endpoint.toString(), "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
        environment.putAll(functionEnvironment);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(handlerClass + " from " + lambdaJar + " did not finish in "
                    + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0 || output.lines().noneMatch(line -> line.startsWith(ColdStartLauncher.RESULT_PREFIX))) {
            throw new IllegalStateException(handlerClass + " from " + lambdaJar + " failed (exit " + process.exitValue()
                    + "):\n" + output.strip());
        }
        return output;
    }

    private static String resultLine(String output, String handlerClass, Path lambdaJar) {
        return output.lines().filter(line -> line.startsWith(ColdStartLauncher.RESULT_PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException(handlerClass + " from " + lambdaJar + " printed no result"));
    }

    /** Parses the launcher's line: {@code handled-at=… construct-ms=… prime-ms=… invoke-ms=…}. */
    static Timing parse(String line, long startedAtMillis) {
        long[] values = new long[4];
        String[] fields = line.trim().split(" ");
        if (fields.length != values.length) {
            throw new IllegalStateException("unexpected launcher output: " + line);
        }
        for (int i = 0; i < fields.length; i++) {
            values[i] = Long.parseLong(fields[i].substring(fields[i].indexOf('=') + 1));
        }
        return new Timing(values[0] - startedAtMillis, values[1], values[2], values[3]);
    }

    private static Path copyLauncher(Path folder) {
        String resource = ColdStartLauncher.class.getName().replace('.', '/') + ".class";
        Path target = folder.resolve(resource);
        try (InputStream in = ColdStartLauncher.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file " + resource + " not found on the class path");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the launcher to " + folder, e);
        }
        return folder;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}
