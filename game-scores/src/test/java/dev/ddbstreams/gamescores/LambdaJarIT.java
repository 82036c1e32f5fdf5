package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The deployment package holds what the functions run and not the aggregation module: the
 * exactly-once machinery comes from the windows module alone. Runs after {@code package}, when the
 * shaded jar exists.
 */
class LambdaJarIT {

    private static final Path JAR = Path.of("target", "game-scores-lambda.jar");

    @Test
    void lambdaJar_holdsHandlersAndWindowsButNoAggregationClass() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();

            assertThat(entries).contains("dev/ddbstreams/gamescores/ScoreSumHandler.class",
                    "dev/ddbstreams/gamescores/KinesisScoreHandler.class",
                    "dev/ddbstreams/windows/WindowedAggregation.class", "dev/ddbstreams/lambda/LambdaClients.class");
            assertThat(entries).filteredOn(name -> name.startsWith("dev/ddbstreams/aggregation/")).isEmpty();
        }
    }
}
