package dev.ddbstreams.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.cli.deploy.DeployManifest.Entry;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** labs/99-clean-up cannot go stale: its resource table and its removal order follow the templates and the manifest. */
class CleanUpLabTest {

    private static final Pattern RESOURCE_ROW = Pattern.compile(
            "^\\| `(ddb-streams-[^`]+)` \\| `([A-Za-z0-9]+)` \\| `([A-Za-z0-9:]+)` \\| ([^|]+) \\| ([^|]+) \\|$");
    private static final Pattern REMOVE_LINE = Pattern.compile("^deploy/stack\\.sh remove (ddb-streams-\\S+) .*");

    private final String lab = Repository.read(Repository.path("labs/99-clean-up/README.md"));
    private final DeployManifest manifest = DeployManifest.read();

    record Row(String stack, String logicalId, String type) {
    }

    @Test
    void resourceTable_whenComparedWithTheTemplates_listsEveryResourceOfEveryStackAndNothingElse() {
        Set<Row> listed = new HashSet<>();
        for (String line : lab.lines().toList()) {
            Matcher row = RESOURCE_ROW.matcher(line);
            if (row.matches()) {
                assertThat(listed.add(new Row(row.group(1), row.group(2), row.group(3)))).as(line).isTrue();
                assertThat(row.group(5)).as(line).matches("(no|yes|storage only)\\b.*");
            }
        }
        Map<String, String> templateOfStack = manifest.entries().stream()
                .collect(Collectors.toMap(Entry::stack, Entry::template));
        Set<Row> existing = new HashSet<>();
        List<String> unlisted = new ArrayList<>();
        // A template deployed as several stacks (one per region) needs its resources listed once.
        manifest.entries().stream().collect(Collectors.groupingBy(Entry::template)).forEach((template, entries) ->
                TemplateDocument.load(Repository.path(template)).resources().forEach((logicalId, resource) -> {
                    String type = String.valueOf(resource.get("Type"));
                    entries.forEach(entry -> existing.add(new Row(entry.stack(), logicalId, type)));
                    if (entries.stream().noneMatch(entry -> listed.contains(new Row(entry.stack(), logicalId, type)))) {
                        unlisted.add("| `" + entries.get(0).stack() + "` | `" + logicalId + "` | `" + type
                                + "` | with the stack | no |   <- from " + template);
                    }
                }));

        assertThat(unlisted).as("resources missing from the table of labs/99-clean-up/README.md (rows to complete and add)").isEmpty();
        assertThat(listed).as("rows naming no resource of deploy/stacks.tsv's templates").isSubsetOf(existing);
        assertThat(listed).extracting(Row::stack).allMatch(templateOfStack::containsKey);
    }

    @Test
    void resourceTable_whenATemplateRetainsAResource_saysSoInItsRow() {
        Map<String, String> howDeleted = lab.lines().map(RESOURCE_ROW::matcher).filter(Matcher::matches)
                .collect(Collectors.toMap(row -> row.group(1) + " " + row.group(2), row -> row.group(4)));
        List<String> wrong = new ArrayList<>();
        for (Entry entry : manifest.entries()) {
            TemplateDocument.load(Repository.path(entry.template())).resources().forEach((logicalId, resource) -> {
                Object policy = resource.getOrDefault("DeletionPolicy", "Delete");
                String how = howDeleted.getOrDefault(entry.stack() + " " + logicalId, "");
                if (!policy.equals("Delete") && !how.contains("DeletionPolicy " + policy)) {
                    wrong.add(entry.stack() + " " + logicalId + ": DeletionPolicy " + policy + ", the row says: " + how);
                }
            });
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void removeCommands_whenListed_removeEveryStackInReverseManifestOrder() {
        List<String> removed = lab.lines().map(REMOVE_LINE::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
        List<String> expected = new ArrayList<>(manifest.entries().stream().map(Entry::stack).toList());
        Collections.reverse(expected);

        assertThat(removed).containsExactlyElementsOf(expected);
    }
}
