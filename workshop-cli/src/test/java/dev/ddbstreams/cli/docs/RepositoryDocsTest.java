package dev.ddbstreams.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lint over every Markdown file of this repository; {@code ./workshop docs check} runs their blocks. */
class RepositoryDocsTest {

    private static final Path ROOT = DocsFiles.root(Path.of(""));

    @Test
    void everyMarkdownFile_followsTheDocsThatRunConvention() {
        List<Path> files = DocsFiles.all(ROOT);

        assertThat(files).contains(Path.of("README.md"), Path.of("labs/README.md"));
        assertThat(new DocsLint(ROOT).lint(files)).isEmpty();
    }
}
