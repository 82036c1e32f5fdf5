package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./workshop bench replication} on small workloads: it prints its lines, and the replicas are equal. */
class ReplicationBenchIT {

    @Test
    void bench_whenRun_printsBothReplicatorsEqualToTheSource() {
        CommandRun run = CommandRun.of("bench", "replication", "--changes", "60", "--keys", "10", "--probe-every", "10");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Same 60-change workload on 10 keys", "write requests");
        run.assertMeasuredAgainstTheLocalLimit();
        assertThat(rows(run.out(), "naive (per record)", "batched")).allMatch(row -> row.endsWith("equal"));
    }

    @Test
    void scale_whenRun_printsOneRowPerSize_withAtMostOneItemPerKeyAndBatch() {
        CommandRun run = CommandRun.of("bench", "replication", "--scale", "40,400", "--keys", "8");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String[]> rows = run.out().lines().map(String::trim).filter(line -> line.matches("^[\\d,]+ .*"))
                .map(line -> line.split("\\s+")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(row -> row[0]).containsExactly("40", "400");
        for (String[] row : rows) {
            long keys = number(row[2]);
            long batches = number(row[3]);
            long items = number(row[6]);
            assertThat(keys).isBetween(1L, 8L);
            // The batched replicator writes each key at most once per batch.
            assertThat(items).isPositive().isLessThanOrEqualTo(batches * keys);
            assertThat(row[row.length - 1]).isEqualTo("equal");
        }
        assertThat(run.out()).contains("not with the changes");
        run.assertMeasuredAgainstTheLocalLimit();
    }

    private static List<String> rows(String out, String... names) {
        List<String> rows = out.lines().filter(line -> List.of(names).stream().anyMatch(line::startsWith)).toList();
        assertThat(rows).hasSize(names.length);
        return rows;
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
