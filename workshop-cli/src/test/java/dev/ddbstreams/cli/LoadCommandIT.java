package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final Path LOGFILE = Path.of("../data/logfile_stream.csv");

    @BeforeAll
    static void dummyCredentials() {
        // DynamoDB Local accepts any key; the SDK's default chain reads these properties first.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @Test
    void load_intoExistingTable_writesEveryRow() {
        createTable("logfile_all");

        CommandRun run = load("logfile_all", LOGFILE.toString(), "--format", "logfile");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Loaded 2000 of 2000 rows into logfile_all", "80 BatchWriteItem requests");
        assertThat(DYNAMODB.dynamoDb().scan(b -> b.tableName("logfile_all").select("COUNT")).count()).isEqualTo(2000);
    }

    @Test
    void load_withBrokenRow_reportsFileAndLine_andLoadsTheRest(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(LOGFILE, StandardCharsets.UTF_8).subList(0, 10);
        Path broken = dir.resolve("broken.csv");
        String bad = lines.get(4).replaceFirst("^(\\d+),", "not-a-number,");
        Files.write(broken, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3), bad,
                lines.get(5), lines.get(6)), StandardCharsets.UTF_8);
        createTable("logfile_broken");

        CommandRun run = load("logfile_broken", broken.toString(), "--format", "logfile");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rejected " + broken + ":5: ", "requestid", "not-a-number",
                "1 row(s) rejected");
        assertThat(run.out()).contains("Loaded 6 of 7 rows");
        assertThat(DYNAMODB.dynamoDb().scan(b -> b.tableName("logfile_broken").select("COUNT")).count()).isEqualTo(6);
    }

    @Test
    void load_intoMissingTable_saysToCreateIt() {
        CommandRun run = load("logfile", LOGFILE.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: table logfile does not exist at this endpoint");
    }

    @Test
    void load_local_loadsAndReadsTheStreamBack() {
        CommandRun run = CommandRun.of("load", "logfile", LOGFILE.toString(), "--local");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Loaded 2000 of 2000 rows into logfile",
                "Stream of logfile: 2000 change records (INSERT 2000)");
    }

    private static CommandRun load(String table, String file, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("load", table, file,
                "--endpoint-url", DYNAMODB.local().endpoint().toString(), "--region", "us-east-1"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static void createTable(String name) {
        DYNAMODB.dynamoDb().createTable(DataSet.LOGFILE.createTableRequest().toBuilder().tableName(name).build());
    }
}
