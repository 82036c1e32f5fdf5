package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsCommandTest {

    @TempDir
    Path folder;

    @Test
    void lint_whenAFileHasAnUnmarkedShellBlock_failsNamingFileAndLine() throws IOException {
        Path doc = Files.writeString(folder.resolve("lab.md"), "# Lab\n\n```shell\n./workshop run votes\n```\n");

        CommandRun run = CommandRun.of("docs", "lint", doc.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("lab.md:3: ```shell block without a marker", "Docs lint: 1 files, 1 problems");
    }

    @Test
    void check_runsTheBlocksAndComparesTheirOutput() throws IOException {
        Path doc = Files.writeString(folder.resolve("lab.md"), """
                <!-- run -->
                ```shell
                test -f workshop && echo "at the repository root"
                ```

                <!-- output -->
                ```text
                at the … root
                ```
                """);

        CommandRun run = CommandRun.of("docs", "check", doc.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("passed in", "output as shown", "1 blocks run from 1 files: 1 passed, 0 failed");
    }

    @Test
    void check_withAMissingFile_isAUsageError() {
        CommandRun run = CommandRun.of("docs", "check", "no-such.md");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such Markdown file: no-such.md");
    }
}
