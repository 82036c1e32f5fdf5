package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.FirehoseStats;
import dev.ddbstreams.localcloud.firehose.LocalFirehoseClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cutting into calls at Firehose's exact limits, each plan then sent to the local Firehose,
 * which enforces the same limits as AWS: a plan one byte or one record over would be rejected.
 */
class FirehoseLimitsTest {

    @TempDir
    Path bucket;

    @Test
    void calls_when500Records_makeOneCall_andWhen501_twoOf500And1() {
        assertThat(FirehoseLimits.calls(records(500, 10))).extracting(List::size).containsExactly(500);
        assertThat(FirehoseLimits.calls(records(501, 10))).extracting(List::size).containsExactly(500, 1);
        assertThat(FirehoseLimits.calls(records(1_001, 10))).extracting(List::size).containsExactly(500, 500, 1);
    }

    @Test
    void calls_whenExactly4MiB_makeOneCall_andWhenOneByteMore_two() {
        List<byte[]> exactly = bigRecords(FirehoseLimits.MAX_BYTES_PER_CALL);
        List<byte[]> oneMore = bigRecords(FirehoseLimits.MAX_BYTES_PER_CALL + 1);

        assertThat(FirehoseLimits.calls(exactly)).extracting(List::size).containsExactly(5);
        assertThat(FirehoseLimits.calls(oneMore)).extracting(List::size).containsExactly(4, 1);
    }

    @Test
    void calls_whenARecordIsOver1000KiB_throwNamingIt() {
        List<byte[]> records = List.of(new byte[10], new byte[FirehoseLimits.MAX_RECORD_BYTES + 1]);

        assertThatThrownBy(() -> FirehoseLimits.calls(records)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record 1 has 1024001 bytes, over Firehose's limit of 1024000");
    }

    @Test
    void calls_whenSentToTheLocalFirehose_areAllAccepted_atTheLimitsExactly() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            PutRecordBatchSender sender = ArchiveFirehose.sender(firehose, 1);
            List<List<byte[]>> calls = new ArrayList<>(FirehoseLimits.calls(records(501, 10)));
            calls.addAll(FirehoseLimits.calls(bigRecords(FirehoseLimits.MAX_BYTES_PER_CALL)));
            for (List<byte[]> call : calls) {
                assertThat(sender.send(call).allAccepted()).isTrue();
            }

            FirehoseStats stats = firehose.stats();
            assertThat(stats.rejectedCalls()).isZero();
            assertThat(stats.putRecordBatchCalls()).isEqualTo(3);
            assertThat(stats.recordsAccepted()).isEqualTo(506);
            assertThat(stats.largestCallRecords()).isEqualTo(FirehoseLimits.MAX_RECORDS_PER_CALL);
            assertThat(stats.largestCallBytes()).isEqualTo(FirehoseLimits.MAX_BYTES_PER_CALL);
        }
    }

    private static List<byte[]> records(int count, int size) {
        return Collections.nCopies(count, new byte[size]);
    }

    /** Four records at the 1,000 KiB record limit and one with the rest of {@code total}. */
    private static List<byte[]> bigRecords(int total) {
        List<byte[]> records = new ArrayList<>(records(4, FirehoseLimits.MAX_RECORD_BYTES));
        records.add(new byte[total - 4 * FirehoseLimits.MAX_RECORD_BYTES]);
        return records;
    }
}
