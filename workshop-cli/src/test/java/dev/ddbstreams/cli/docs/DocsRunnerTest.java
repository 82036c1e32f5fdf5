package dev.ddbstreams.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real bash on small fixture docs. */
class DocsRunnerTest {

    @TempDir
    Path root;

    private final StringWriter printed = new StringWriter();

    private DocsRunner.Summary check(String markdown, Duration timeout) throws IOException {
        Files.writeString(root.resolve("lab.md"), markdown);
        return new DocsRunner(root, timeout, new PrintWriter(printed, true), false).run(List.of(Path.of("lab.md")));
    }

    @Test
    void run_whenOutputMatches_passesEveryBlockInOrderAtTheRoot() throws IOException {
        DocsRunner.Summary summary = check("""
                <!-- run -->
                ```shell
                echo "step 1 at $(pwd)" > step1.txt
                ```

                <!-- run -->
                ```shell
                cat step1.txt
                echo "took 12 ms" >&2
                ```

                <!-- output -->
                ```text
                step 1 at …
                took … ms
                ```

                <!-- aws -->
                ```shell
                exit 1
                ```
                """, Duration.ofSeconds(30));

        assertThat(summary.run()).isEqualTo(2);
        assertThat(summary.passed()).isEqualTo(2);
        assertThat(summary.failed()).isZero();
        assertThat(Files.readString(root.resolve("step1.txt"))).isEqualTo("step 1 at " + root.toRealPath() + "\n");
        assertThat(printed.toString()).contains("Docs check: 2 blocks run from 1 files: 2 passed, 0 failed, 0 skipped");
    }

    @Test
    void run_whenOutputDiffers_printsFileLineCommandMissingLineAndOutput_andSkipsTheRest() throws IOException {
        DocsRunner.Summary summary = check("""
                # Lab

                <!-- run -->
                ```shell
                echo "Loaded 4999 rows"
                ```

                <!-- output -->
                ```text
                Loaded 5000 rows
                ```

                <!-- run -->
                ```shell
                echo never
                ```
                """, Duration.ofSeconds(30));

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(printed.toString()).contains(
                "FAILED lab.md:4",
                "    echo \"Loaded 4999 rows\"",
                "expected line not found (block at line 9): Loaded 5000 rows",
                "  output:\n    Loaded 4999 rows",
                "SKIPPED lab.md:14");
    }

    @Test
    void run_whenACommandFails_stopsTheBlockUnderBashE() throws IOException {
        DocsRunner.Summary summary = check("<!-- run -->\n```shell\nfalse\necho after\n```\n", Duration.ofSeconds(30));

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(printed.toString()).contains("exit status 1").doesNotContain("    after");
    }

    @Test
    void run_whenABlockOutlivesTheTimeout_stopsIt() throws IOException {
        DocsRunner.Summary summary = check("<!-- run -->\n```shell\nsleep 30\n```\n", Duration.ofMillis(500));

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertThat(printed.toString()).contains("timed out after 0.5 s and was stopped");
    }
}
