package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each workload benchmark, on a small workload, measures the local limit first and ends with its
 * ratio to it. Figures are not checked: speed is what the benchmarks print, never a test's verdict.
 */
class BenchCommandIT {

    private static final String RATIO = "vs the local limit: \\d+\\.\\d\\d";

    @Test
    void loader_onASmallFile_printsTheLocalLimitFirstAndItsRatioLast(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("votes.csv");
        Files.write(file, Files.readAllLines(Path.of("../data/votes.csv"), StandardCharsets.UTF_8).subList(0, 201),
                StandardCharsets.UTF_8);

        CommandRun run = CommandRun.of("bench", "loader", "--file", file.toString(), "--format", "votes",
                "--rounds", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(1)).startsWith("local limit: ").contains("items/s", "200 items");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("BatchWriteItem, \\d+ in flight +200 +8 .*"));
        assertThat(lines.get(lines.size() - 1)).matches(RATIO);
    }

    @Test
    void aggregation_onASmallWorkload_printsTheLocalLimitFirstAndItsRatioLast() {
        CommandRun run = CommandRun.of("bench", "aggregation", "--changes", "150", "--batch-sizes", "100",
                "--template", "../aggregation/template.yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("local limit: ");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("exact \\(windows\\) +100 .* equal"));
        assertThat(lines.get(lines.size() - 1)).matches(RATIO);
    }

    @Test
    void aggregationScale_printsOneRowPerSizeAndItsRatioLast() {
        CommandRun run = CommandRun.of("bench", "aggregation", "--scale", "100,300",
                "--template", "../aggregation/template.yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("local limit: ").contains("300 items");
        assertThat(lines).filteredOn(line -> line.matches(" +[13]00 +\\d+ +\\d+\\.\\d .* equal")).hasSize(2);
        assertThat(lines.get(lines.size() - 1)).matches(RATIO);
    }
}
