package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehoseClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;

/** Failed entries and throttled calls, injected by the local Firehose (FIREHOSE.md, faults). */
class PutRecordBatchSenderTest {

    @TempDir
    Path bucket;

    @Test
    void send_whenSomeEntriesFail_resendsOnlyThoseEntries() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.parse("first=3"))) {
            List<PutRecordBatchRequest> requests = new ArrayList<>();
            PutRecordBatchSender sender = new PutRecordBatchSender(request -> {
                requests.add(request);
                return firehose.putRecordBatch(request);
            }, ArchiveFirehose.STREAM, ArchiveFirehose.noSleep(10));

            PutRecordBatchSender.Sent sent = sender.send(lines(10));

            assertThat(sent.allAccepted()).isTrue();
            assertThat(sent.calls()).isEqualTo(2);
            assertThat(sent.resentRecords()).isEqualTo(3);
            assertThat(requests.get(1).records()).extracting(r -> r.data().asUtf8String())
                    .containsExactly("line 0\n", "line 1\n", "line 2\n");
            assertThat(firehose.stats().recordsAccepted()).isEqualTo(10);
        }
    }

    @Test
    void send_whenThrottled_retriesTheCall_untilAccepted() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.parse("throttle=0.5,seed=3"))) {
            PutRecordBatchSender sender = ArchiveFirehose.sender(firehose, 10);
            int calls = 0;
            for (int i = 0; i < 10; i++) {
                PutRecordBatchSender.Sent sent = sender.send(lines(5));
                assertThat(sent.allAccepted()).isTrue();
                calls += sent.calls();
            }

            assertThat(firehose.stats().throttledCalls()).isPositive();
            assertThat(calls).isEqualTo(firehose.stats().throttledCalls() + 10);
            assertThat(firehose.stats().recordsAccepted()).isEqualTo(50);
        }
    }

    @Test
    void send_whenStillFailingAtTheBound_returnsWhatWasNotAccepted() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.parse("records=0.5,seed=7"))) {
            PutRecordBatchSender.Sent sent = ArchiveFirehose.sender(firehose, 2).send(lines(40));

            assertThat(sent.calls()).isEqualTo(2);
            assertThat(sent.notAccepted()).isNotEmpty().isSorted();
            assertThat(sent.lastError()).startsWith("ServiceUnavailableException: ");
            assertThat(firehose.stats().recordsAccepted()).isEqualTo(40 - sent.notAccepted().size());
        }
    }

    @Test
    void send_whenThrottledEveryTime_givesUpAtTheBound_withEveryRecordNotAccepted() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.parse("throttle=1"))) {
            PutRecordBatchSender.Sent sent = ArchiveFirehose.sender(firehose, 4).send(lines(3));

            assertThat(sent.calls()).isEqualTo(4);
            assertThat(sent.notAccepted()).containsExactly(0, 1, 2);
            assertThat(sent.lastError()).isEqualTo("ServiceUnavailableException: Slow down.");
        }
    }

    @Test
    void send_whenTheCallIsInvalid_throws() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            List<byte[]> tooBig = List.of(new byte[FirehoseLimits.MAX_RECORD_BYTES + 1]);

            assertThatThrownBy(() -> ArchiveFirehose.sender(firehose, 10).send(tooBig))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(firehose.stats().putRecordBatchCalls()).isEqualTo(1);
        }
    }

    private static List<byte[]> lines(int count) {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return lines;
    }
}
