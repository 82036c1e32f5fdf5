package dev.ddbstreams.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.cli.deploy.TemplateChecks.Rule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment checks: every template of the repository passes them, and a deliberately bad
 * template fails each rule exactly where it breaks it.
 */
class TemplateChecksTest {

    private final TemplateChecks checks = new TemplateChecks(TemplateChecksTest.class.getClassLoader());

    @Test
    void templates_whenDiscovered_includeEveryPatternModulesTemplate() {
        assertThat(Repository.templates()).contains("aggregation/template.yaml", "game-scores/template.yaml",
                "replication/template.yaml", "replication/cross-region/source.yaml",
                "replication/cross-region/target.yaml")
                .noneMatch(path -> path.contains("target/") && !path.endsWith("target.yaml"))
                .noneMatch(path -> path.contains("src/test/"));
    }

    /** Neither these checks nor the alarm checks find anything in the repository's templates. */
    @Test
    void checks_whenRepositoryTemplate_findNothing() {
        TemplateAlarmChecks alarmChecks = new TemplateAlarmChecks();
        List<String> violations = Repository.templates().stream()
                .map(Repository::path)
                .flatMap(template -> Stream.concat(checks.check(template).stream().map(Violation::toString),
                        alarmChecks.check(template).stream().map(Violation::toString)))
                .toList();

        assertThat(violations).isEmpty();
    }

    @Test
    void check_whenBadTemplate_reportsEachRuleOnExactlyTheResourcesThatBreakIt() throws URISyntaxException {
        Path bad = Path.of(TemplateChecksTest.class.getResource("/deploy/bad-template.yaml").toURI());

        List<Violation<Rule>> violations = checks.check(bad);

        Map<Rule, Set<String>> byRule = violations.stream().collect(Collectors.groupingBy(Violation::rule,
                TreeMap::new, Collectors.mapping(Violation::resource, Collectors.toCollection(TreeSet::new))));
        assertThat(byRule).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry(Rule.DATA_ACTION_ON_ANY_RESOURCE, Set.of("DataActionOnAnyResourceFunction",
                        "PolicyTemplateOnAnyTableFunction")),
                Map.entry(Rule.BROAD_MANAGED_POLICY, Set.of("BroadManagedPolicyRole")),
                Map.entry(Rule.BATCH_RESPONSE_MISMATCH, Set.of("PartialResponseIgnoredFunction", "NothingToReportMapping")),
                Map.entry(Rule.WINDOW_STATE_MISMATCH, Set.of("WindowWithoutStateFunction", "StateWithoutWindowFunction")),
                Map.entry(Rule.NO_TIMEOUT, Set.of("NoTimeoutFunction")),
                Map.entry(Rule.RUNTIME, Set.of("OldRuntimeFunction", "NotJavaRuntimeFunction")),
                Map.entry(Rule.BUCKET_NOT_ENCRYPTED, Set.of("UnencryptedBucket")),
                Map.entry(Rule.BUCKET_PUBLIC_ACCESS_NOT_BLOCKED, Set.of("PublicBucket")),
                Map.entry(Rule.BUCKET_NOT_TLS_ONLY, Set.of("PlainHttpBucket")),
                Map.entry(Rule.PERMISSION_ON_ANOTHER_RESOURCE, Set.of("PermissionOnAnotherResourceFunction")),
                Map.entry(Rule.STREAM_READ_NOT_ITS_OWN, Set.of("StreamReadNotItsOwnFunction")),
                Map.entry(Rule.NO_LOG_RETENTION, Set.of("NoLogRetentionFunction")),
                Map.entry(Rule.LOGS_NOT_JSON, Set.of("TextLogsFunction")),
                Map.entry(Rule.PUBLIC_URL_WITHOUT_RESERVED_CONCURRENCY, Set.of("PublicUrlFunction")),
                Map.entry(Rule.SOURCE_TABLE_WITHOUT_POINT_IN_TIME_RECOVERY, Set.of("UnrecoverableSource")),
                Map.entry(Rule.BUCKET_NOT_VERSIONED_AND_RETAINED, Set.of("DisposableBucket")),
                Map.entry(Rule.NAME_WITHOUT_PREFIX, Set.of("Parameters.NamePrefix", "UnprefixedTable",
                        "UnprefixedArnFunction")),
                Map.entry(Rule.GLUE_TABLE_SKIPS_RESTORED_OBJECTS, Set.of("SkipsRestoredObjectsTable")),
                Map.entry(Rule.QUARANTINE_OUTSIDE_ITS_FOLDER, Set.of("QuarantineOutsideItsFolderFunction",
                        "QuarantineWithoutFolderFunction", "QuarantineNotWritableFunction")),
                Map.entry(Rule.QUARANTINE_NOT_WRITABLE, Set.of("QuarantineNotWritableFunction")))));
        assertThat(byRule.keySet()).containsExactlyInAnyOrder(Rule.values());
        assertThat(violations).hasSize(29);
    }

    @Test
    void coversFolder_matchesWhatIamWouldLetTheHandlerWriteUnderItsFolder() {
        String bucket = "${QuarantineBucket.Arn}/";
        assertThat(TemplateChecks.coversFolder(bucket + "ArchiveFunction/*", bucket, "ArchiveFunction")).isTrue();
        assertThat(TemplateChecks.coversFolder(bucket + "*", bucket, "ArchiveFunction")).isTrue();
        assertThat(TemplateChecks.coversFolder(bucket + "MultiLeaderFunction/${PeerRegion}/*", bucket,
                "MultiLeaderFunction")).isTrue();
        assertThat(TemplateChecks.coversFolder(bucket + "ArchiveFunction?/*", bucket, "ArchiveFunction")).isFalse();
        assertThat(TemplateChecks.coversFolder(bucket + "Archive/*", bucket, "ArchiveFunction")).isFalse();
        assertThat(TemplateChecks.coversFolder(bucket + "ArchiveFunction/2026/*", bucket, "ArchiveFunction")).isFalse();
        assertThat(TemplateChecks.coversFolder("${OtherBucket.Arn}/ArchiveFunction/*", bucket, "ArchiveFunction"))
                .isFalse();
    }

    @Test
    void check_whenBadTemplate_namesTemplateResourceRuleAndWhatIsWrong() throws URISyntaxException {
        Path bad = Path.of(TemplateChecksTest.class.getResource("/deploy/bad-template.yaml").toURI());

        List<String> messages = checks.check(bad).stream().map(Violation::toString).toList();

        assertThat(messages).contains(
                bad + ": DataActionOnAnyResourceFunction: DATA_ACTION_ON_ANY_RESOURCE: Statement[1]: dynamodb:PutItem"
                        + " on Resource \"*\": name the table, stream, queue or bucket",
                bad + ": PolicyTemplateOnAnyTableFunction: DATA_ACTION_ON_ANY_RESOURCE: SAM policy template"
                        + " DynamoDBCrudPolicy with TableName \"*\" grants it on every table: name the resource (!Ref)",
                bad + ": BroadManagedPolicyRole: BROAD_MANAGED_POLICY: managed policy AmazonDynamoDBFullAccess grants"
                        + " its actions on every resource of the service: use a statement that names them",
                bad + ": PartialResponseIgnoredFunction: BATCH_RESPONSE_MISMATCH: Events.Changes:"
                        + " dev.ddbstreams.replication.ReplicaHandler::handleRequest returns partial batch responses"
                        + " (StreamsEventResponse) but FunctionResponseTypes lacks ReportBatchItemFailures: Lambda"
                        + " would ignore them and checkpoint past the failed records",
                bad + ": NothingToReportMapping: BATCH_RESPONSE_MISMATCH: EventSourceMapping to NothingToReportFunction:"
                        + " FunctionResponseTypes has ReportBatchItemFailures but"
                        + " dev.ddbstreams.replication.NaiveReplicaHandler::handleRequest returns String, not a partial"
                        + " batch response",
                bad + ": NoTimeoutFunction: NO_TIMEOUT: no Timeout on the function or in Globals: Lambda's default is 3 s",
                bad + ": OldRuntimeFunction: RUNTIME: Runtime java11 is older than java17",
                bad + ": NotJavaRuntimeFunction: RUNTIME: Runtime python3.12 cannot run the Java handler"
                        + " dev.ddbstreams.replication.NaiveReplicaHandler::handleRequest",
                bad + ": PublicBucket: BUCKET_PUBLIC_ACCESS_NOT_BLOCKED: PublicAccessBlockConfiguration must set"
                        + " BlockPublicPolicy to true",
                bad + ": PermissionOnAnotherResourceFunction: PERMISSION_ON_ANOTHER_RESOURCE: Policies[0].Statement[0]"
                        + " names Source, which the function's environment, triggers, destinations and log group do not",
                bad + ": StreamReadNotItsOwnFunction: STREAM_READ_NOT_ITS_OWN: trigger on {Fn::GetAtt=[Source,"
                        + " StreamArn]}: no statement allows reading that stream by name",
                bad + ": Parameters.NamePrefix: NAME_WITHOUT_PREFIX: needs a String parameter NamePrefix with"
                        + " Default '' and AllowedPattern '([a-z][a-z0-9]{0,15}_)?'",
                bad + ": UnprefixedTable: NAME_WITHOUT_PREFIX: its name scores does not start with ${NamePrefix}:"
                        + " write !Sub '${NamePrefix}name'",
                bad + ": UnprefixedArnFunction: NAME_WITHOUT_PREFIX: the ARN"
                        + " arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/scores names a"
                        + " resource without ${NamePrefix}",
                bad + ": SkipsRestoredObjectsTable: GLUE_TABLE_SKIPS_RESTORED_OBJECTS: its data is in ColdBucket, whose"
                        + " lifecycle moves objects to Glacier or Deep Archive, and TableInput.Parameters lacks"
                        + " read_restored_glacier_objects: 'true': Athena would skip them even once restored");
    }

    @Test
    void allowlist_whenActionsMayStandOnEveryResource_holdsNoDataAction() {
        assertThat(TemplateChecks.ACTIONS_ALLOWED_ON_ANY_RESOURCE.keySet())
                .allMatch(action -> Arrays.stream(new String[] {"xray:", "cloudwatch:put", ":describe", ":list"})
                        .anyMatch(action::contains));
    }
}
