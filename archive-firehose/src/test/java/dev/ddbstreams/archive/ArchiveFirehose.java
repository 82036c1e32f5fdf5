package dev.ddbstreams.archive;

import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.localcloud.firehose.DeliveryStreamConfig;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehoseClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/** The local Firehose with the template's delivery stream settings, and a backoff that does not sleep. */
final class ArchiveFirehose {

    static final String STREAM = "invoice-archive";

    private ArchiveFirehose() {
    }

    static LocalFirehoseClient start(Path bucket, FirehoseFaults faults) {
        return LocalFirehoseClient.builder()
                .deliveryStream(DeliveryStreamConfig.of(STREAM, bucket, Optional.of("invoices/dt=!{timestamp:yyyy-MM-dd}/"),
                        Optional.of("errors/!{firehose:error-output-type}/"), 64, Duration.ofSeconds(300),
                        "GZIP"))
                .faults(faults)
                .build();
    }

    static RetryBackoff noSleep(int attempts) {
        return new RetryBackoff(Duration.ofMillis(50), Duration.ofSeconds(5), attempts, new SplittableRandom(1),
                duration -> { });
    }

    static PutRecordBatchSender sender(LocalFirehoseClient firehose, int attempts) {
        return new PutRecordBatchSender(firehose::putRecordBatch, STREAM, noSleep(attempts));
    }
}
