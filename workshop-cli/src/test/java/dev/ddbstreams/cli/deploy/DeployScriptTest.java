package dev.ddbstreams.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.cli.deploy.DeployManifest.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/stack.sh (and deploy/redrive.sh). The {@code aws} and {@code mvn} found first on the PATH are stand-ins that
 * record every call: with --dry-run the script prints the commands it would run, in order, and
 * calls nothing; the remove and status tests give the stand-in {@code aws} the answers of a
 * deployed or missing stack (CloudFormation has no local implementation). No test reaches AWS.
 */
class DeployScriptTest {

    @TempDir
    Path stubs;

    @Test
    void script_whenParsedByBash_hasNoSyntaxError() throws Exception {
        Result result = run(List.of("bash", "-n", "deploy/stack.sh"));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void redriveScript_whenParsedByBash_hasNoSyntaxError() throws Exception {
        Result result = run(List.of("bash", "-n", "deploy/redrive.sh"));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void deploy_whenDryRun_buildsPackagesAndDeploysEveryStackWithoutCallingAnything() throws Exception {
        for (Entry entry : DeployManifest.read().entries()) {
            Result result = script("deploy", entry.stack(), "--region", "eu-west-1", "--secondary-region",
                    "eu-central-1", "--dry-run");

            String region = entry.region().equals("primary") ? "eu-west-1" : "eu-central-1";
            String bucket = "ddb-streams-workshop-artifacts-123456789012-" + region;
            List<String> expected = new ArrayList<>();
            if (!entry.module().equals("-")) {
                expected.add("mvn -B -q -pl " + entry.module() + " -am package");
            }
            expected.add("aws sts get-caller-identity --query Account --output text");
            expected.add("aws s3api put-public-access-block --bucket " + bucket + " --region " + region
                    + " --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
                    + "BlockPublicPolicy=true,RestrictPublicBuckets=true");
            expected.add("aws s3api put-bucket-encryption --bucket " + bucket);
            expected.add("aws cloudformation package --region " + region + " --template-file " + entry.template()
                    + " --s3-bucket " + bucket);
            expected.add("aws cloudformation deploy --region " + region + " --template-file deploy/target/"
                    + entry.stack() + ".packaged.yaml --stack-name " + entry.stack());
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).as(entry.stack()).containsSubsequence(expected)
                    .contains("--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND");
            assertNothingWasCalled();
        }
    }

    @Test
    void deploy_whenCrossRegionSource_passesTheSecondaryRegionAsTargetRegion() throws Exception {
        Result target = script("deploy", "replica-target", "--region", "eu-west-1", "--secondary-region", "ap-south-1",
                "--dry-run");
        Result source = script("deploy", "replica-source", "--region", "eu-west-1", "--secondary-region", "ap-south-1",
                "--dry-run");

        assertThat(target.output()).contains("aws cloudformation deploy --region ap-south-1 ")
                .doesNotContain("mvn ").doesNotContain("--parameter-overrides");
        assertThat(source.output()).contains("aws cloudformation deploy --region eu-west-1 ")
                .contains("--parameter-overrides TargetRegion=ap-south-1");
        assertNothingWasCalled();
    }

    @Test
    void deploy_whenParameterGiven_addsItOrReplacesTheManifestValueOfItsKey() throws Exception {
        Result source = script("deploy", "replica-source", "--region", "eu-west-1", "--parameter",
                "TargetRegion=us-west-1", "--parameter", "Extra=x=y", "--dry-run");
        Result bad = script("deploy", "archive", "--region", "eu-west-1", "--parameter", "NoValue", "--dry-run");

        assertThat(source.output()).contains("--parameter-overrides TargetRegion=us-west-1 Extra=x=y")
                .doesNotContain("TargetRegion=us-west-2");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("--parameter needs Key=Value");
        assertNothingWasCalled();
    }

    @Test
    void deploy_whenPrefixGiven_deploysALearnersCopyUnderPrefixedStackAndResourceNames() throws Exception {
        for (Entry entry : DeployManifest.read().entries()) {
            Result result = script("deploy", entry.stack(), "--prefix", "alice", "--region", "eu-west-1",
                    "--secondary-region", "eu-central-1", "--dry-run");

            String copy = "alice-" + entry.stack();
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).as(entry.stack()).containsSubsequence(
                    "aws cloudformation package ", "--s3-prefix " + copy + " --output-template-file deploy/target/"
                            + copy + ".packaged.yaml",
                    "aws cloudformation deploy ", "--stack-name " + copy + " ", "--parameter-overrides ",
                    "NamePrefix=alice_",
                    "aws cloudformation describe-stacks ", "--stack-name " + copy + " ")
                    .doesNotContain("--stack-name " + entry.stack());
        }
        assertNothingWasCalled();
    }

    @Test
    void remove_whenPrefixGiven_removesOnlyThatLearnersStacks() throws Exception {
        Result all = script("remove", "all", "--prefix", "bob", "--region", "eu-west-1", "--dry-run");
        Result one = script("status", "archive", "--prefix", "bob", "--region", "eu-west-1", "--dry-run");

        List<String> stacks = DeployManifest.read().entries().stream().map(Entry::stack).toList();
        assertThat(all.exitCode()).as(all.output()).isZero();
        assertThat(all.output().lines().filter(line -> line.contains("delete-stack")))
                .hasSize(stacks.size())
                .allMatch(line -> line.contains("--stack-name bob-ddb-streams-"));
        assertThat(all.output()).contains("bob-ddb-streams-aggregation: removed from eu-west-1");
        assertThat(one.output()).contains("--stack-name bob-ddb-streams-archive ")
                .doesNotContain("--stack-name ddb-streams-archive ");
        assertNothingWasCalled();
    }

    @Test
    void prefix_whenInvalidOrSetAsParameterOrOnTheSharedBucket_failsNamingTheProblem() throws Exception {
        Result capital = script("deploy", "archive", "--prefix", "Alice", "--region", "eu-west-1", "--dry-run");
        Result underscore = script("deploy", "archive", "--prefix", "al_ice", "--region", "eu-west-1", "--dry-run");
        Result tooLong = script("deploy", "archive", "--prefix", "a2345678901234567", "--region", "eu-west-1",
                "--dry-run");
        Result parameter = script("deploy", "archive", "--parameter", "NamePrefix=alice_", "--region", "eu-west-1",
                "--dry-run");
        Result artifacts = script("remove-artifacts", "--prefix", "alice", "--region", "eu-west-1", "--dry-run");

        for (Result invalid : List.of(capital, underscore, tooLong)) {
            assertThat(invalid.exitCode()).isEqualTo(2);
            assertThat(invalid.output()).contains("--prefix must be a lowercase letter and up to 15 lowercase letters"
                    + " or digits");
        }
        assertThat(parameter.exitCode()).isEqualTo(2);
        assertThat(parameter.output()).contains("NamePrefix is set by --prefix NAME");
        assertThat(artifacts.exitCode()).isEqualTo(2);
        assertThat(artifacts.output()).contains("remove-artifacts removes the bucket every copy of the region shares");
        assertNothingWasCalled();
    }

    @Test
    void remove_whenDryRun_emptiesBucketsThenDeletesTheStackThenItsLogGroups() throws Exception {
        Result result = script("remove", "ddb-streams-game-scores", "--region", "eu-west-1", "--dry-run");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsSubsequence(
                "aws cloudformation list-stack-resources --region eu-west-1 --stack-name ddb-streams-game-scores"
                        + " --query 'StackResourceSummaries[?ResourceType=='\\''AWS::Lambda::Function'\\'']",
                "aws s3api list-object-versions --bucket EACH_BUCKET --region eu-west-1 --max-items 500",
                "Objects: [Versions, DeleteMarkers][].{Key: Key, VersionId: VersionId}",
                "aws s3api delete-objects --bucket EACH_BUCKET --region eu-west-1 --delete file://",
                "aws cloudformation delete-stack --region eu-west-1 --stack-name ddb-streams-game-scores",
                "aws cloudformation wait stack-delete-complete --region eu-west-1 --stack-name ddb-streams-game-scores",
                "aws logs delete-log-group --region eu-west-1 --log-group-name /aws/lambda/EACH_FUNCTION",
                "ddb-streams-game-scores: removed from eu-west-1");
        assertNothingWasCalled();
    }

    @Test
    void remove_whenAll_removesInReverseManifestOrderSourceBeforeTarget() throws Exception {
        Result result = script("remove", "all", "--region", "eu-west-1", "--dry-run");

        List<String> reversed = new ArrayList<>(DeployManifest.read().entries().stream()
                .map(entry -> "aws cloudformation delete-stack --region "
                        + (entry.region().equals("primary") ? "eu-west-1" : "us-west-2")
                        + " --stack-name " + entry.stack())
                .toList());
        Collections.reverse(reversed);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsSubsequence(reversed)
                .containsSubsequence("--stack-name ddb-streams-replica-source", "--stack-name ddb-streams-replica-target");
        assertNothingWasCalled();
    }

    @Test
    void script_whenStackUnknownOrRegionMissing_failsNamingTheProblem() throws Exception {
        Result unknown = script("remove", "no-such-stack", "--region", "eu-west-1", "--dry-run");
        Result noRegion = script("deploy", "aggregation", "--dry-run");
        Result sameRegions = script("deploy", "aggregation", "--region", "us-west-2", "--dry-run");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("no stack 'no-such-stack' in deploy/stacks.tsv");
        assertThat(noRegion.exitCode()).isEqualTo(2);
        assertThat(noRegion.output()).contains("no region: pass --region or set AWS_REGION");
        assertThat(sameRegions.output()).contains("--region and --secondary-region must differ (both are us-west-2)");
        assertNothingWasCalled();
    }

    @Test
    void remove_whenStackHasAVersionedBucket_deletesVersionsUntilNoneIsLeftThenStackThenLogGroup() throws Exception {
        // The stand-in AWS CLI answers as for a deployed stack with one function and one bucket
        // whose versions take two rounds of list-object-versions and delete-objects.
        Result result = script(Map.of("aws", """
                rounds="$STUBS/rounds"
                case "$*" in
                  "cloudformation describe-stacks"*) echo '{}' ;;
                  *"AWS::Lambda::Function"*) echo 'ddb-streams-game-scores-ScoreSum-1A2B' ;;
                  *"AWS::S3::Bucket"*) echo 'ddb-streams-game-scores-bucket-3c4d' ;;
                  "s3api list-object-versions"*)
                    echo x >> "$rounds"
                    if [ "$(wc -l < "$rounds")" -le 2 ]; then
                      printf '{\\n    "Objects": [\\n        {"Key": "a", "VersionId": "1"}\\n    ],\\n    "Quiet": true\\n}\\n'
                    else
                      printf '{\\n    "Objects": [],\\n    "Quiet": true\\n}\\n'
                    fi ;;
                  "logs describe-log-groups"*) echo '/aws/lambda/ddb-streams-game-scores-ScoreSum-1A2B' ;;
                esac
                """), "remove", "game-scores", "--region", "eu-west-1");

        String bucket = "ddb-streams-game-scores-bucket-3c4d";
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(calls()).containsSubsequence(
                "aws cloudformation describe-stacks --region eu-west-1 --stack-name ddb-streams-game-scores",
                "aws s3api list-object-versions --bucket " + bucket,
                "aws s3api delete-objects --bucket " + bucket + " --region eu-west-1 --delete file://",
                "aws s3api list-object-versions --bucket " + bucket,
                "aws s3api delete-objects --bucket " + bucket + " --region eu-west-1 --delete file://",
                "aws s3api list-object-versions --bucket " + bucket,
                "aws cloudformation delete-stack --region eu-west-1 --stack-name ddb-streams-game-scores",
                "aws cloudformation wait stack-delete-complete --region eu-west-1 --stack-name ddb-streams-game-scores",
                "aws logs delete-log-group --region eu-west-1 --log-group-name /aws/lambda/ddb-streams-game-scores-ScoreSum-1A2B");
        assertThat(calls().lines()).filteredOn(call -> call.startsWith("aws s3api delete-objects")).hasSize(2);
        assertThat(result.output()).contains("ddb-streams-game-scores: removed from eu-west-1");
    }

    @Test
    void remove_whenBucketHasObjectLock_leavesItAsItIsAndStillDeletesTheStack() throws Exception {
        // Compliance mode: no one can delete a locked version, so emptying would never end.
        Result result = script(Map.of("aws", """
                case "$*" in
                  "cloudformation describe-stacks"*) echo '{}' ;;
                  *"AWS::S3::Bucket"*) echo 'ddb-streams-archive-archivebucket-5e6f' ;;
                  "s3api head-bucket"*) echo '{}' ;;
                  "s3api get-object-lock-configuration"*) echo 'Enabled' ;;
                esac
                """), "remove", "archive", "--region", "eu-west-1");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ddb-streams-archive-archivebucket-5e6f: Object Lock is on: its objects"
                + " stay until their retention ends; the bucket is left as it is");
        assertThat(calls()).contains("aws cloudformation delete-stack --region eu-west-1 --stack-name ddb-streams-archive")
                .doesNotContain("list-object-versions").doesNotContain("delete-objects");
    }

    @Test
    void remove_whenStackDoesNotExist_deletesNothing() throws Exception {
        Result result = script(Map.of("aws", """
                echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id x does not exist" >&2
                exit 254
                """), "remove", "aggregation", "--region", "eu-west-1");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ddb-streams-aggregation: not deployed in eu-west-1");
        assertThat(calls()).contains("aws cloudformation describe-stacks").doesNotContain("delete-stack")
                .doesNotContain("delete-log-group");
    }

    @Test
    void status_whenCredentialsAreMissing_stopsWithTheCliError() throws Exception {
        Result result = script(Map.of("aws", """
                echo "Unable to locate credentials. You can configure credentials by running \\"aws configure\\"." >&2
                exit 253
                """), "status", "aggregation", "--region", "eu-west-1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Unable to locate credentials").doesNotContain("not deployed");
    }

    @Test
    void redrive_ofALearnersCopy_whenAnInvokeCallFails_goesOnAndPrintsTheSummary() throws Exception {
        // Two quarantined records; the Invoke call itself fails (throttled, say) for every one of them.
        Result result = redrive(Map.of("aws", """
                case "$*" in
                  *"cloudformation describe-stacks"*) echo 'learner-bucket' ;;
                  *"cloudformation describe-stack-resource"*) echo 'learner-ReplicaFunction-1A2B' ;;
                  *"lambda list-event-source-mappings"*) echo 'None' ;;
                  *"lambda get-function-configuration"*) echo 'None' ;;
                  *"s3api list-objects-v2"*) echo '["R/2026/12/05/logfile.l/100_e-2.json", "R/2026/12/05/logfile.l/99_e-1.json"]' ;;
                  *"s3 cp"*) echo '{"record": {"eventID": "e"}, "eventSource": "aws:dynamodb", "reason": "r",
                      "quarantinedAt": "2026-12-05T10:00:00Z"}' > "${@: -1}" ;;
                  *"lambda invoke"*) echo "An error occurred (TooManyRequestsException)" >&2; exit 254 ;;
                esac
                """), "replication", "ReplicaFunction", "--region", "eu-west-1", "--prefix", "learner");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(calls()).contains("--stack-name learner-ddb-streams-replication");
        assertThat(result.output()).containsSubsequence("R/2026/12/05/logfile.l/99_e-1.json: the Invoke call failed",
                "R/2026/12/05/logfile.l/100_e-2.json: the Invoke call failed", "0 redriven, 2 still failing");
    }

    private Result redrive(Map<String, String> standIns, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/redrive.sh"));
        command.addAll(List.of(args));
        return run(command, standIns);
    }

    private Result script(String... args) throws Exception {
        return script(Map.of(), args);
    }

    private Result script(Map<String, String> standIns, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/stack.sh"));
        command.addAll(List.of(args));
        return run(command, standIns);
    }

    private Result run(List<String> command) throws Exception {
        return run(command, Map.of());
    }

    /**
     * Runs at the repository root with stand-in aws and mvn first on the PATH and no AWS_*
     * variables. Each stand-in appends its command line to $STUBS/calls, then runs the given
     * script body (by default it fails).
     */
    private Result run(List<String> command, Map<String, String> standIns) throws Exception {
        for (String tool : List.of("aws", "mvn")) {
            Path stub = stubs.resolve(tool);
            Files.writeString(stub, "#!/usr/bin/env bash\necho \"" + tool + " $*\" >> \"$STUBS/calls\"\n"
                    + standIns.getOrDefault(tool, "exit 1\n"));
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repository.ROOT.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("PATH", stubs + ":" + System.getenv("PATH"));
        environment.put("STUBS", stubs.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private String calls() throws IOException {
        Path calls = stubs.resolve("calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    private void assertNothingWasCalled() throws IOException {
        assertThat(stubs.resolve("calls")).doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }
}
