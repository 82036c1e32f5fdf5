package dev.ddbstreams.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.cli.deploy.DeployManifest.Entry;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** deploy/stacks.tsv names every template of the repository, and only things that exist. */
class DeployManifestTest {

    private final DeployManifest manifest = DeployManifest.read();

    @Test
    void manifest_whenTemplateDiscovered_hasAStackForIt() {
        assertThat(manifest.templates())
                .as("every template needs a line in deploy/stacks.tsv (stack, template, module, region, parameters)")
                .containsAll(Repository.templates());
    }

    @Test
    void manifest_whenRead_namesExistingTemplatesAndModulesOnce() {
        assertThat(manifest.entries()).extracting(Entry::stack).doesNotHaveDuplicates()
                .allMatch(stack -> stack.matches("ddb-streams-[a-z0-9-]+"));
        for (Entry entry : manifest.entries()) {
            assertThat(Repository.path(entry.template())).as(entry.stack()).isRegularFile();
            assertThat(entry.region()).as(entry.stack()).isIn("primary", "secondary");
            assertThat(entry.parameters()).as(entry.stack()).matches("-|(\\w+=\\S+)( \\w+=\\S+)*");
            if (!entry.module().equals("-")) {
                assertThat(Files.isRegularFile(Repository.path(entry.module()).resolve("pom.xml")))
                        .as(entry.stack() + ": module " + entry.module()).isTrue();
            }
        }
    }
}
