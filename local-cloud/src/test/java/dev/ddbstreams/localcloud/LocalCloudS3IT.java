package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A handler's {@code S3Client}, built with no endpoint, region or credentials, reaches the local S3. */
class LocalCloudS3IT {

    @TempDir
    Path work;

    @Test
    void s3Client_fromTheStandardConfiguration_writesIntoTheWorkFolder() {
        String before = System.getProperty(LocalCloud.S3_ENDPOINT_PROPERTY);
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start();
                S3Client s3 = S3Client.create()) {
            assertThat(System.getProperty(LocalCloud.S3_ENDPOINT_PROPERTY)).isEqualTo(cloud.s3().uri().toString());

            s3.createBucket(b -> b.bucket("quarantine"));
            s3.putObject(b -> b.bucket("quarantine").key("fn/1.json"), RequestBody.fromString("{}"));

            assertThat(work.resolve("s3/quarantine/fn/1.json")).hasContent("{}");
            assertThat(cloud.s3().root()).isEqualTo(work.resolve("s3"));
        }
        assertThat(System.getProperty(LocalCloud.S3_ENDPOINT_PROPERTY)).isEqualTo(before);
    }
}
