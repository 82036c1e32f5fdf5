package dev.ddbstreams.archive;

import dev.ddbstreams.coldstart.LazyClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * BASELINE for {@code ./workshop bench cold-start} only, never deployed: replaces the archive
 * module's DependencyFactory in {@code archive-firehose-lambda-default.jar}. The default way:
 * {@code FirehoseClient.create()} (the SDK's default HTTP client, region and credentials looked
 * up), built on first use.
 */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static FirehoseClient firehoseClient() {
        return LazyClient.of(FirehoseClient.class, FirehoseClient::create);
    }
}
