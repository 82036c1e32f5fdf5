package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Templates the local cloud refuses, each with a message that names the file, the property path and the problem. */
class BadTemplateTest {

    static Stream<Arguments> badTemplates() {
        return Stream.of(
                Arguments.of("bad-batch-size.yaml",
                        "VoteCounter.Properties.Events.Votes.Properties.BatchSize: 20000 is out of range 1..10000"),
                Arguments.of("bad-unknown-event-property.yaml",
                        "VoteCounter.Properties.Events.Votes.Properties.ScalingConfig: not supported by the local trigger"),
                Arguments.of("bad-record-age.yaml",
                        "VoteCounter.Properties.Events.Votes.Properties.MaximumRecordAgeInSeconds: 30 is out of range:"
                                + " -1 (forever) or 60..604800"),
                Arguments.of("bad-too-many-filters.yaml",
                        "VoteCounter.Properties.Events.Votes.Properties.FilterCriteria.Filters: 6 filters: at most 5"
                                + " are allowed (AWS raises the quota to 10 on request; the local trigger does not)"),
                Arguments.of("bad-unresolvable-ref.yaml",
                        "VoteCounter.Properties.Environment.Variables.TOTALS_TABLE.Ref: !Ref TotalVotesTable:"
                                + " no parameter, pseudo parameter or resource named 'TotalVotesTable'"),
                Arguments.of("bad-getatt-attribute.yaml",
                        "VoteCounter.Properties.Events.Votes.Properties.Stream.Fn::GetAtt: !GetAtt"
                                + " VotesTable.StreamLabel: a AWS::DynamoDB::Table has no attribute 'StreamLabel'"
                                + " the local cloud knows"),
                Arguments.of("bad-missing-parameter.yaml",
                        "Parameters.Stage: has no Default and no value was given"),
                Arguments.of("bad-prefix-without-error-prefix.yaml",
                        "Archive.Properties.ExtendedS3DestinationConfiguration.ErrorOutputPrefix: is required when"
                                + " Prefix uses !{...} expressions, as Firehose requires"),
                Arguments.of("bad-table-without-stream.yaml",
                        "VoteCounter.Properties.Events.Votes.Properties.Stream: table VotesTable has no"
                                + " StreamSpecification"),
                Arguments.of("bad-buffering-hints.yaml",
                        "Archive.Properties.ExtendedS3DestinationConfiguration.BufferingHints.SizeInMBs:"
                                + " 256 is out of range 1..128"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTemplates")
    void read_whenTemplateIsInvalid_failsNamingFileAndPropertyPath(String file, String expectedProblem) {
        Path path = TestTemplates.path(file);

        assertThatThrownBy(() -> TestTemplates.read(file))
                .isInstanceOf(TemplateException.class)
                .hasMessage(path + ": " + expectedProblem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTemplates")
    void read_whenYamlIsMalformed_failsWithTheParsersPosition(String file, String expectedProblem) {
        Path path = TestTemplates.path(file);

        assertThatThrownBy(() -> TestTemplates.read(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(path + ": not a valid YAML template: ")
                .hasMessageContaining(expectedProblem);
    }

    static Stream<Arguments> rejectedParameters() {
        return Stream.of(
                Arguments.of("parameters-and-conditions.yaml", "Stage", "qa",
                        "Parameters.Stage: 'qa' is not one of the AllowedValues [dev, prod]"),
                Arguments.of("name-prefix.yaml", "NamePrefix", "Alice_",
                        "Parameters.NamePrefix: 'Alice_' does not match the AllowedPattern ([a-z][a-z0-9]{0,15}_)?"),
                Arguments.of("votes-aggregation.yaml", "Stag", "prod",
                        "Parameters: a value was given for 'Stag' but the template declares no such parameter"));
    }

    @ParameterizedTest(name = "{1}={2}")
    @MethodSource("rejectedParameters")
    void read_whenParameterValueIsRejected_failsNamingTheParameter(String file, String parameter, String value,
            String expectedProblem) {
        Path path = TestTemplates.path(file);
        TemplateReader reader = new TemplateReader(TestTemplates.SETTINGS.withParameter(parameter, value));

        assertThatThrownBy(() -> reader.read(path))
                .isInstanceOf(TemplateException.class)
                .hasMessage(path + ": " + expectedProblem);
    }

    static Stream<Arguments> malformedTemplates() {
        return Stream.of(
                Arguments.of("bad-malformed.yaml", "line 6, column 6"),
                Arguments.of("bad-unknown-tag.yaml", "!Sbu"));
    }
}
