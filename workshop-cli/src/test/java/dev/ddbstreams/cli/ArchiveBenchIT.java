package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./workshop bench archive} on a small workload: it prints its lines, and each archiver archived everything. */
class ArchiveBenchIT {

    @Test
    void bench_whenRun_printsEachArchiver_withEveryRecordArchived_andPackingSendsFewerRecords() {
        CommandRun run = CommandRun.of("bench", "archive", "--changes", "40");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Same 40-write invoice workload", "billed bytes");
        run.assertMeasuredAgainstTheLocalLimit();
        List<String> rows = run.out().lines().filter(line -> line.startsWith("naive (PutRecord)")
                || line.startsWith("batched")).toList();
        assertThat(rows).hasSize(3).allMatch(row -> row.contains("  all "));
        // Per 10,000 stream records: the naive archiver makes one call per record; packing sends
        // fewer records than one per line, in no more calls.
        assertThat(column(rows.get(0), 3)).isEqualTo(column(rows.get(0), 2));
        assertThat(column(rows.get(2), 2)).isLessThan(column(rows.get(1), 2));
        assertThat(column(rows.get(2), 3)).isLessThanOrEqualTo(column(rows.get(1), 3));
    }

    /** The nth whitespace-separated figure after the archiver's name (1 = batches). */
    private static double column(String row, int n) {
        String figures = row.replaceFirst("^(naive \\(PutRecord\\)|batched \\+ packed|batched)", "").trim();
        return Double.parseDouble(figures.split("\\s+")[n - 1].replace(",", ""));
    }
}
