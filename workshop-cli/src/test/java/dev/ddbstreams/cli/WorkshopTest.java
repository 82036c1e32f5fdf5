package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkClientException;

class WorkshopTest {

    @Test
    void help_listsEveryCommand() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("load", "bench");
    }

    @Test
    void unknownCommand_isAnErrorWithASuggestion() {
        CommandRun run = CommandRun.of("lod");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument at index 0: 'lod'", "Did you mean: workshop load?",
                "See './workshop --help'.");
    }

    @Test
    void noCommand_namesTheCommands() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(
                "Missing command: choose one of run, serve, triggers, redrive, dashboard, load, bench, generate-data, docs, basics");
    }

    @Test
    void load_withUnknownFlag_printsTheErrorAndWhereHelpIs_notTheUsage() {
        CommandRun run = CommandRun.of("load", "logfile", "../data/logfile_stream.csv", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("error: Unknown option: '--bogus'", "See './workshop load --help'.");
    }

    @Test
    void runHelp_listsTheLabs() {
        CommandRun run = CommandRun.of("run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("null").contains("A lab: votes, ").contains(", or all.");
    }

    @Test
    void faultsHelp_namesAFunctionOfTheVotesTemplate() throws IOException {
        CommandRun run = CommandRun.of("run", "--help");

        // Without white space: the help wraps its lines wherever the width falls.
        assertThat(run.out().replaceAll("\\s+", "")).contains("Example:--faults'VoteCounterFunction=fail-after=0.2,seed=7'");
        assertThat(Files.readString(Path.of("../aggregation/template.yaml"))).contains("\n  VoteCounterFunction:\n");
    }

    @Test
    void faults_forAFunctionTheLabLacks_listTheLabsFunctions() {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs("votes", "--faults", "VoteCountr=fail-after=0.5");
        Template votes = new TemplateReader(StackSettings.of("workshop-votes", "us-east-1"))
                .read(Path.of("../aggregation/template.yaml"));

        assertThatThrownBy(() -> command.faults.requireKnownFunctions(List.of(votes), "lab votes"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("no function 'VoteCountr' in lab votes to inject faults into; its functions: "
                        + "DashboardFunction, NaiveVoteCounterFunction, StatisticsFunction, VoteCounterFunction "
                        + "(or * for every function)");
    }

    @Test
    void serve_onAPortInUse_saysSoInOneLine_withTheFix() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            CommandRun run = CommandRun.of("serve", "--port", Integer.toString(port),
                    "--template", "../aggregation/template.yaml");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).containsExactly("error: port " + port + " is already in use (another "
                    + "./workshop serve?): stop that one, or serve on another port with --port " + (port + 1));
        }
    }

    @Test
    void serve_withAParameterNoServedTemplateDeclares_saysSo_beforeStartingAnything() {
        CommandRun run = CommandRun.of("serve", "--template", "../aggregation/template.yaml",
                "--parameter", "BufferIntervalSeconds=0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no served template declares the parameter BufferIntervalSeconds");
    }

    @Test
    void load_withoutCredentials_printsTheLineThatSetsThem() throws Exception {
        SdkClientException noCredentials = SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain AwsCredentialsProviderChain(credentialsProviders=[...]) : "
                + "[SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. ...]");
        StringWriter err = new StringWriter();
        CommandLine command = Workshop.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        int exitCode = new UserErrorHandler().handleExecutionException(noCredentials, command, null);

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("error: no AWS credentials. For the local cloud any will do:",
                "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1");
    }

    @Test
    void load_withUnknownTable_namesTheKnownOnes() {
        CommandRun run = CommandRun.of("load", "orders", "../data/logfile_stream.csv", "--local");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown table 'orders'", "logfile", "votes", "GameScoreRecords",
                "InvoiceTransactions", "--format");
    }

    @Test
    void load_withMissingFile_saysWhichFile() {
        CommandRun run = CommandRun.of("load", "logfile", "no-such.csv", "--local");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("CSV file not found: no-such.csv");
    }

    @Test
    void load_withLocalAndEndpoint_refusesTheContradiction() {
        CommandRun run = CommandRun.of("load", "logfile", "../data/logfile_stream.csv", "--local",
                "--endpoint-url", "http://localhost:8000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--local starts its own DynamoDB Local");
    }

    @Test
    void run_withBadFirehoseFaults_isAUsageErrorNamingTheFlag() {
        CommandRun run = CommandRun.of("run", "votes", "--firehose-faults", "records=2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--firehose-faults 'records=2': records must be a fraction between 0 and 1");
    }

    @Test
    void bench_withoutBenchmark_namesThem() {
        CommandRun run = CommandRun.of("bench");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing benchmark: choose one of loader, aggregation, replication");
    }

    @Test
    void generateData_writesTheCommittedFilesByteForByte(@TempDir Path dir) throws IOException {
        CommandRun run = CommandRun.of("generate-data", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String name : List.of("logfile_stream.csv", "votes.csv", "game_scores.csv", "invoices.csv")) {
            assertThat(run.out()).contains(dir.resolve(name).toString());
            assertThat(dir.resolve(name)).hasSameBinaryContentAs(Path.of("../data", name));
        }
    }
}
