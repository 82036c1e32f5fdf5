package dev.ddbstreams.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository the tests run in, and the CloudFormation/SAM templates in it. */
final class Repository {

    /** workshop-cli's tests run in workshop-cli/; the repository is its parent. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", ".workshop", "node_modules");
    private static final Pattern TEMPLATE_MARK = Pattern.compile(
            "AWSTemplateFormatVersion|[\"']?Transform[\"']?\\s*:\\s*[\"']?AWS::Serverless");

    private Repository() {
    }

    /**
     * Every YAML or JSON file that declares {@code AWSTemplateFormatVersion} or the SAM transform,
     * outside build output and test resources, relative to the root with '/' separators, sorted.
     */
    static List<String> templates() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .map(ROOT::relativize)
                    .filter(Repository::searched)
                    .filter(path -> path.toString().matches(".*\\.(ya?ml|json|template)"))
                    .filter(path -> TEMPLATE_MARK.matcher(read(path)).find())
                    .map(path -> path.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path relative) {
        try {
            return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean searched(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return false;
            }
        }
        return !relative.toString().replace('\\', '/').contains("src/test/");
    }
}
