package dev.ddbstreams.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsLintTest {

    @TempDir
    Path root;

    private List<String> lint(String markdown) {
        return new DocsLint(root).lint(Path.of("labs/lab.md"), MarkdownFile.parse(Path.of("labs/lab.md"), markdown));
    }

    @Test
    void lint_whenEveryBlockIsMarked_findsNothing() throws IOException {
        Files.createDirectories(root.resolve("labs"));
        Files.writeString(root.resolve("README.md"), "# root\n");
        String doc = """
                # Lab
                See [the root](../README.md#top) and [AWS](https://aws.amazon.com/).

                <!-- run -->
                ```shell
                echo hello
                ```

                Expected output:

                <!-- output -->
                ```text
                hello
                ```

                <!-- aws -->
                ```bash
                aws dynamodb list-tables
                ```

                <!-- not-run: a server that runs until Ctrl-C -->
                ```sh
                ./workshop serve
                ```

                <!-- output-not-checked: printed by AWS only -->
                ```text
                not a command
                ```
                """;

        assertThat(lint(doc)).isEmpty();
    }

    @Test
    void lint_whenShellBlockHasNoMarker_namesTheLine() {
        List<String> problems = lint("# Lab\n\n```bash\n./workshop run votes\n```\n");

        assertThat(problems).singleElement().asString()
                .startsWith("3: ```bash block without a marker");
    }

    @Test
    void lint_whenATextBlockStartsWithACommand_asksForAShellBlock() {
        List<String> problems = lint("```text\naws cloudformation deploy --stack-name s\n```\n\n```\n./workshop run all\n```\n"
                + "\n<!-- output-not-checked: an example -->\n```text\n== votes: output, not a command\n```\n");

        assertThat(problems).hasSize(2).allMatch(problem -> problem.contains("this block starts with a command"));
    }

    @Test
    void lint_whenShownOutputIsUnmarked_namesFileAndLine() throws IOException {
        String doc = """
                <!-- not-run: a server that runs until Ctrl-C -->
                ```shell
                ./workshop serve
                ```

                ```
                DynamoDB Local: http://localhost:8000
                ```

                ```text
                invocations: 22
                ```
                """;

        Files.writeString(root.resolve("lab.md"), doc);

        assertThat(new DocsLint(root).lint(List.of(Path.of("lab.md")))).containsExactly(
                "lab.md:6: a block showing what a command prints needs <!-- output --> (after a <!-- run --> block, "
                        + "so docs check compares it) or <!-- output-not-checked: reason -->",
                "lab.md:10: a block showing what a command prints needs <!-- output --> (after a <!-- run --> block, "
                        + "so docs check compares it) or <!-- output-not-checked: reason -->");
    }

    @Test
    void lint_whenOutputNotCheckedHasNoReasonOrIsNotText_failsIt() {
        assertThat(lint("<!-- output-not-checked -->\n```text\nhello\n```\n")).singleElement().asString()
                .startsWith("2: <!-- output-not-checked --> needs a reason");
        assertThat(lint("<!-- output-not-checked: AWS only -->\n```json\n{}\n```\n")).singleElement().asString()
                .isEqualTo("2: shown output goes in a ```text block");
    }

    @Test
    void lint_whenNotRunHasNoReason_failsIt() {
        assertThat(lint("<!-- not-run -->\n```shell\n./workshop serve\n```\n")).singleElement().asString()
                .startsWith("2: <!-- not-run --> needs a reason");
    }

    @Test
    void lint_whenTwoMarkersOrAnUnknownOne_failsThem() {
        assertThat(lint("<!-- run -->\n<!-- aws -->\n```shell\nls\n```\n")).singleElement().asString()
                .startsWith("3: more than one marker");
        assertThat(lint("<!-- runs -->\n```shell\nls\n```\n")).singleElement().asString()
                .startsWith("2: unknown marker <!-- runs -->");
    }

    @Test
    void lint_whenOutputDoesNotFollowARunBlock_failsIt() {
        String doc = """
                <!-- aws -->
                ```shell
                aws s3 ls
                ```

                <!-- output -->
                ```text
                bucket
                ```
                """;

        assertThat(lint(doc)).singleElement().asString()
                .startsWith("7: <!-- output --> must follow a <!-- run --> block");
    }

    @Test
    void lint_whenMarkerStandsBeforeNoBlock_failsIt() {
        assertThat(lint("<!-- run -->\n\n```shell\nls\n```\n")).containsExactly(
                "1: marker <!-- run --> must stand on the line just before a fenced block",
                "3: ```shell block without a marker: put <!-- run -->, <!-- aws --> or <!-- not-run: reason --> "
                        + "on the line before it");
    }

    @Test
    void lint_whenRelativeLinkIsBroken_namesTheTarget() {
        assertThat(lint("See [lab 03](../03-archive/README.md) and `[not a link](nowhere.md)`.\n"))
                .containsExactly("1: link to ../03-archive/README.md: no such file 03-archive/README.md");
    }

    @Test
    void lint_whenFenceIsNeverClosed_saysSo() {
        assertThat(lint("<!-- run -->\n```shell\nls\n")).containsExactly("2: fenced block is never closed");
    }

    @Test
    void lint_sourceBlock_mustBeInTheFileLineForLine() throws IOException {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/Basics.java"), """
                class Basics {
                    void step() {
                        int a = 1;

                        int b = 2;
                    }
                }
                """);

        assertThat(lint("<!-- source: src/Basics.java -->\n```java\nint a = 1;\n\nint b = 2;\n```\n")).isEmpty();
        assertThat(lint("<!-- source: src/Basics.java -->\n```java\nint a = 1;\nint b = 3;\n```\n"))
                .singleElement().asString()
                .isEqualTo("2: block is not in src/Basics.java as shown (it starts with \"int a = 1;\"): "
                        + "copy it again from the file");
        assertThat(lint("<!-- source: src/Gone.java -->\n```java\nint a = 1;\n```\n"))
                .containsExactly("2: <!-- source: src/Gone.java -->: cannot read src/Gone.java");
    }
}
