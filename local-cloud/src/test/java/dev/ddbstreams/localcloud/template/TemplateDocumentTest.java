package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template as written: what checks of IAM policies and buckets read. */
class TemplateDocumentTest {

    private final TemplateDocument document = TemplateDocument.load(TestTemplates.path("votes-aggregation.yaml"));

    @Test
    void properties_whenServerlessFunction_mergesGlobalsWithTheFunctionWinning() {
        Map<String, Object> counter = document.properties("VoteCounter");

        assertThat(counter).contains(entry("Runtime", "java21"), entry("Timeout", 30));
        assertThat(counter.get("Environment")).isEqualTo(Map.of("Variables", Map.of(
                "TOTALS_TABLE", Map.of("Ref", "TotalVotesTable"),
                "LOG_LEVEL", "DEBUG",
                "VOTES_STREAM", Map.of("Fn::GetAtt", List.of("VotesTable", "StreamArn")))));
    }

    @Test
    void properties_whenPolicyUsesShortTags_keepsThemUnresolvedInLongForm() {
        Object policies = document.properties("VoteCounter").get("Policies");

        assertThat(policies).isEqualTo(List.of(
                Map.of("DynamoDBCrudPolicy", Map.of("TableName", Map.of("Ref", "TotalVotesTable"))),
                Map.of("SQSSendMessagePolicy", Map.of("QueueName",
                        Map.of("Fn::GetAtt", List.of("VoteFailures", "QueueName"))))));
    }

    @Test
    void properties_whenNotAFunction_areTheResourcesOwnWithoutGlobals() {
        assertThat(document.properties("VoteCounterLogGroup")).containsOnly(
                entry("LogGroupName", Map.of("Fn::Sub", "/aws/lambda/${VoteCounter}")),
                entry("RetentionInDays", 7));
        assertThat(document.resources().get("VoteCounterLogGroup")).containsEntry("Type", "AWS::Logs::LogGroup");
    }

    @Test
    void properties_whenNoSuchResource_namesIt() {
        assertThatThrownBy(() -> document.properties("Missing"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Missing: no such resource");
    }
}
