package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./workshop query} with DuckDB over gzip NDJSON objects laid out as the local Firehose writes them. */
class QueryCommandTest {

    @TempDir
    Path bucket;

    @BeforeEach
    void archive() throws IOException {
        // Two objects of one day; the INSERT was delivered twice (a retried batch).
        write("invoices/dt=2026-11-20/invoice-archive-1-a.gz", line("e1", "INSERT", "1", "100.50") + line("e2", "MODIFY", "2", "0.00"));
        write("invoices/dt=2026-11-20/invoice-archive-1-b.gz", line("e1", "INSERT", "1", "100.50"));
        write(".firehose-staging/half-written.gz", "not gzip");
    }

    @Test
    void query_overTheArchiveView_removesDuplicates_andKeepsExactNumbers() {
        CommandRun run = CommandRun.of("query", "--bucket", bucket.toString(), "SELECT eventID, keys.InvoiceID AS invoice, "
                + "newImage.InvoiceBalance AS balance, dt FROM archive ORDER BY CAST(sequenceNumber AS DECIMAL(38,0))");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                eventID  invoice  balance  dt
                -------  -------  -------  ----------
                e1       I#1       100.50  2026-11-20
                e2       I#1         0.00  2026-11-20
                (2 rows)
                """);
    }

    @Test
    void query_overTheRawTable_seesEveryLine() {
        CommandRun run = CommandRun.of("query", "--bucket", bucket.toString(), "SELECT count(*) AS lines FROM archive_raw");

        assertThat(run.out()).contains("    3\n(1 row)");
    }

    @Test
    void query_whenTheSqlIsWrong_failsWithDuckDbsMessage() {
        CommandRun run = CommandRun.of("query", "--bucket", bucket.toString(), "SELECT nope FROM archive");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: the query failed: Binder Error: Referenced column \"nope\" not found");
    }

    @Test
    void query_whenNothingIsArchived_saysHowToFillTheArchive(@TempDir Path empty) {
        CommandRun run = CommandRun.of("query", "--bucket", empty.toString(), "SELECT 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no archived objects under", "run ./workshop run archive first");
    }

    private static String line(String eventId, String eventName, String sequence, String balance) {
        return "{\"eventID\":\"" + eventId + "\",\"eventName\":\"" + eventName + "\",\"tableName\":\"InvoiceTransactions\","
                + "\"awsRegion\":\"us-east-1\",\"sequenceNumber\":\"" + sequence + "\","
                + "\"approximateCreationTime\":\"2026-11-20T10:00:00Z\",\"ttlDelete\":false,"
                + "\"keys\":{\"InvoiceID\":\"I#1\",\"BillID\":\"B#1\"},"
                + "\"newImage\":{\"InvoiceID\":\"I#1\",\"BillID\":\"B#1\",\"InvoiceBalance\":" + balance + ",\"Extra\":[1]},"
                + "\"oldImage\":null}\n";
    }

    private void write(String key, String text) throws IOException {
        Path file = bucket.resolve(key);
        Files.createDirectories(file.getParent());
        if (!key.endsWith(".gz") || text.equals("not gzip")) {
            Files.writeString(file, text);
            return;
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
