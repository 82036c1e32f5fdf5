package dev.ddbstreams.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.cli.deploy.TemplateAlarmChecks.Rule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A template without its alarms fails each rule where it breaks it (the repository's templates: TemplateChecksTest). */
class TemplateAlarmChecksTest {

    private final TemplateAlarmChecks checks = new TemplateAlarmChecks();

    @Test
    void check_whenUnwatchedTemplate_reportsEachRuleOnExactlyTheResourcesThatBreakIt() throws URISyntaxException {
        Path unwatched = Path.of(TemplateAlarmChecksTest.class.getResource("/deploy/unwatched-template.yaml").toURI());

        List<Violation<Rule>> violations = checks.check(unwatched);

        Map<Rule, Set<String>> byRule = violations.stream().collect(Collectors.groupingBy(Violation::rule,
                TreeMap::new, Collectors.mapping(Violation::resource, Collectors.toCollection(TreeSet::new))));
        assertThat(byRule).isEqualTo(new TreeMap<>(Map.of(
                Rule.NO_ITERATOR_AGE_ALARM, Set.of("UnwatchedFunction", "MappedFunction"),
                Rule.NO_FAILURE_DESTINATION_ALARM, Set.of("UnwatchedQueue"),
                Rule.NO_QUARANTINE_ALARM, Set.of("UnwatchedFunction"),
                Rule.ALARM_WITHOUT_ACTIONS, Set.of("SilentQuarantineAlarm"))));
        assertThat(violations).hasSize(5);
    }
}
