package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Names written {@code !Sub '${NamePrefix}votes'} (the workshop's templates, so that a room of
 * learners can share one AWS account): the local cloud deploys with no parameters, so the empty
 * Default gives the names the labs use; a prefix, when given, reaches the table, the trigger and
 * every name built from it.
 */
class NamePrefixTemplateTest {

    private static final String FILE = "name-prefix.yaml";

    @Test
    void read_whenNoPrefixGiven_namesEverythingAsWritten() {
        Template template = TestTemplates.read(FILE);
        FunctionDefinition function = template.function("CounterFunction").orElseThrow();

        assertThat(template.parameters()).containsEntry("NamePrefix", "");
        assertThat(template.table("votes")).isPresent();
        assertThat(function.triggers().get(0).sourceName()).isEqualTo("votes");
        assertThat(function.environment()).containsEntry("VOTES_TABLE", "votes")
                .containsEntry("TOTALS_TABLE", "totals")
                .containsEntry("TOTALS_ARN", "arn:aws:dynamodb:eu-west-1:123456789012:table/totals");
    }

    @Test
    void read_whenPrefixGiven_prefixesTheTableItsTriggerAndEveryNameBuiltFromIt() {
        Template template = new TemplateReader(TestTemplates.SETTINGS.withParameter("NamePrefix", "alice_"))
                .read(TestTemplates.path(FILE));
        FunctionDefinition function = template.function("CounterFunction").orElseThrow();

        assertThat(template.table("votes")).isEmpty();
        assertThat(template.table("alice_votes")).isPresent();
        assertThat(function.triggers().get(0).sourceName()).isEqualTo("alice_votes");
        assertThat(function.environment()).containsEntry("VOTES_TABLE", "alice_votes")
                .containsEntry("TOTALS_TABLE", "alice_totals")
                .containsEntry("TOTALS_ARN", "arn:aws:dynamodb:eu-west-1:123456789012:table/alice_totals");
    }
}
