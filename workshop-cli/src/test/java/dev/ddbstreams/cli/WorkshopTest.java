package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkshopTest {

    @Test
    void help_listsEveryCommand() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("load", "bench");
    }

    @Test
    void unknownCommand_isAnErrorWithUsage() {
        CommandRun run = CommandRun.of("lod");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument at index 0: 'lod'", "Did you mean: workshop load?");
    }

    @Test
    void noCommand_namesTheCommands() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(
                "Missing command: choose one of run, serve, triggers, dashboard, load, bench, generate-data, docs, basics");
    }

    @Test
    void load_withUnknownFlag_isAnErrorWithUsage() {
        CommandRun run = CommandRun.of("load", "logfile", "../data/logfile_stream.csv", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'", "Usage: workshop load");
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
