package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.cli.docs.DocsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No class is defined by two modules: a second definition under the same fully qualified name
 * would be picked by class-path or shading order, not by the code.
 */
class ClassDefinitionsTest {

    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", ".workshop", "node_modules");

    @Test
    void everyModule_definesEachClassOnce() {
        Map<String, Set<String>> definitions = definitions(DocsFiles.root(Path.of("")));

        assertThat(definitions).containsKeys("dev.ddbstreams.lambda.LambdaClients",
                "dev.ddbstreams.coldstart.SdkDefaultClients", "dev.ddbstreams.windows.WindowedAggregation");
        assertThat(definedTwice(definitions)).isEmpty();
    }

    @Test
    void definedTwice_whenTwoModulesShipOneName_namesTheClassAndBothModules(@TempDir Path root) throws IOException {
        for (String module : List.of("patterns", "baseline")) {
            Path source = root.resolve(module).resolve("src/main/java/dev/example/ClientFactory.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package dev.example;\nfinal class ClientFactory {\n}\n");
        }
        Files.createDirectories(root.resolve("patterns/src/main/java/dev/example/only"));
        Files.writeString(root.resolve("patterns/src/main/java/dev/example/only/Handler.java"), "");

        assertThat(definedTwice(definitions(root)))
                .containsExactly(Map.entry("dev.example.ClientFactory", Set.of("baseline", "patterns")));
    }

    /** Fully qualified class name -> the modules (folders holding {@code src/main/java}) that define it. */
    private static Map<String, Set<String>> definitions(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize)
                    .filter(path -> path.toString().endsWith(".java") && searched(path))
                    .map(path -> path.toString().replace('\\', '/'))
                    .filter(path -> path.contains("/src/main/java/"))
                    .collect(Collectors.groupingBy(
                            path -> path.substring(path.indexOf("/src/main/java/") + "/src/main/java/".length(),
                                    path.length() - ".java".length()).replace('/', '.'),
                            TreeMap::new,
                            Collectors.mapping(path -> path.substring(0, path.indexOf("/src/main/java/")),
                                    Collectors.toCollection(TreeSet::new))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Set<String>> definedTwice(Map<String, Set<String>> definitions) {
        Map<String, Set<String>> twice = new TreeMap<>(definitions);
        twice.values().removeIf(modules -> modules.size() < 2);
        return twice;
    }

    private static boolean searched(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }
}
