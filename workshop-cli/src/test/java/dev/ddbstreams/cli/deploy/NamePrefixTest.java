package dev.ddbstreams.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A room in one account: copies of every stack deployed with different NamePrefix values never
 * want the same name, and every name a valid prefix makes is one its service accepts.
 * (TemplateChecks' NAME_WITHOUT_PREFIX rule says that every name starts with the prefix.)
 */
class NamePrefixTest {

    private static final Pattern ALLOWED = Pattern.compile(PhysicalNames.ALLOWED_PATTERN);
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String LETTERS_AND_DIGITS = LETTERS + "0123456789";

    /** A named resource of a template: its type, its name as written, and the template's parameters. */
    private record Named(String template, String logicalId, String type, Object name, Map<String, Object> parameters) {
        String nameWith(String prefix) {
            return PhysicalNames.resolve(name, prefix, parameters);
        }
    }

    private final List<Named> named = named();

    @Test
    void names_whenDefaultPrefix_areTheNamesTheLabsUse() {
        Map<String, String> names = new HashMap<>();
        named.forEach(n -> names.put(n.template() + " " + n.logicalId(), n.nameWith("")));

        assertThat(names).containsEntry("aggregation/template.yaml VotesTable", "votes")
                .containsEntry("replication/template.yaml LogfileTable", "logfile")
                .containsEntry("replication/multi-leader/region.yaml GameStateTable", "game_state")
                .containsEntry("game-scores/template.yaml ScoreStream", "GameScoreEvents")
                .containsEntry("archive-firehose/template.yaml InvoiceArchiveStream", "invoice-archive")
                .containsEntry("archive-firehose/template.yaml ArchiveDatabase", "invoice_archive")
                .containsEntry("archive-firehose/template.yaml ArchiveWorkGroup", "invoice-archive");
    }

    @Test
    void names_whenTwoCopiesHaveDifferentPrefixes_neverCollide() {
        Random random = new Random(16);
        for (int i = 0; i < 500; i++) {
            String a = randomPrefix(random);
            String b = i % 5 == 0 ? a.substring(0, a.length() - 1) + "x_" : randomPrefix(random);
            if (a.equals(b)) {
                continue;
            }
            List<String> first = named.stream().map(n -> n.type() + " " + n.nameWith(a)).toList();
            List<String> second = named.stream().map(n -> n.type() + " " + n.nameWith(b)).toList();

            assertThat(first).as(a + " vs " + b).doesNotContainAnyElementsOf(second);
        }
    }

    /**
     * The unprefixed copy (the labs' names) is the one a prefix can meet: `total_` + `votes` is
     * `total_votes`. labs/INSTRUCTORS.md tells rooms to give everyone a prefix, and names this case.
     */
    @Test
    void names_whenOneCopyHasNoPrefix_meetAnotherCopysOnlyForTheListedPrefixes() {
        Set<String> clashing = new TreeSet<>();
        for (Named unprefixed : named) {
            for (Named other : named) {
                String name = unprefixed.nameWith("");
                String base = other.nameWith("");
                if (unprefixed.type().equals(other.type()) && name.length() > base.length() && name.endsWith(base)) {
                    String prefix = name.substring(0, name.length() - base.length());
                    if (ALLOWED.matcher(prefix).matches()) {
                        clashing.add(prefix);
                    }
                }
            }
        }

        assertThat(clashing).containsExactly("total_");
    }

    @Test
    void names_whenPrefixIsTheLongestAllowed_areValidForTheirService() {
        Random random = new Random(17);
        List<String> prefixes = new ArrayList<>(List.of("", "a_", "a234567890123456_"));
        for (int i = 0; i < 100; i++) {
            prefixes.add(randomPrefix(random));
        }
        assertThat(prefixes).allMatch(prefix -> ALLOWED.matcher(prefix).matches());
        assertThat(ALLOWED.matcher("a2345678901234567_").matches()).as("17 characters before _").isFalse();
        assertThat(ALLOWED.matcher("Alice_").matches()).as("capitals: Glue and Athena names are lowercase").isFalse();
        assertThat(ALLOWED.matcher("alice").matches()).as("no separator").isFalse();

        for (String prefix : prefixes) {
            for (Named n : named) {
                Pattern valid = PhysicalNames.VALID_NAMES.get(n.type());
                assertThat(n.nameWith(prefix)).as(n.template() + " " + n.logicalId() + " with " + prefix)
                        .matches(valid);
            }
        }
    }

    @Test
    void templates_whenScanned_nameSomethingInEveryTemplateWithAStack() {
        assertThat(named).extracting(Named::template).containsAll(DeployManifest.read().entries().stream()
                .map(DeployManifest.Entry::template).toList());
    }

    /** A prefix the AllowedPattern accepts: a letter, up to 15 letters or digits, then '_'. */
    private static String randomPrefix(Random random) {
        StringBuilder prefix = new StringBuilder().append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        int more = random.nextInt(16);
        for (int i = 0; i < more; i++) {
            prefix.append(LETTERS_AND_DIGITS.charAt(random.nextInt(LETTERS_AND_DIGITS.length())));
        }
        return prefix.append('_').toString();
    }

    private static List<Named> named() {
        List<Named> named = new ArrayList<>();
        for (String template : Repository.templates()) {
            TemplateDocument document = TemplateDocument.load(Repository.path(template));
            Map<String, Object> parameters = document.section("Parameters");
            PhysicalNames.of(document).forEach((logicalId, name) -> named.add(new Named(template, logicalId,
                    String.valueOf(document.resources().get(logicalId).get("Type")), name, parameters)));
        }
        return named;
    }
}
