package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * A handler's {@code S3Client}, built with no endpoint, region or credentials, reaches the local
 * S3, and finds there the buckets its template creates.
 */
class LocalCloudS3IT {

    private static final Path BUCKETS = Path.of("src/test/resources/templates/buckets.yaml");

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

    @Test
    void deploy_createsEveryBucket_underTheNameItsRefGivesAHandler() {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start();
                S3Client s3 = S3Client.create()) {
            Map<String, String> environment = cloud.deploy(BUCKETS, "Shop", Map.of("QuarantineBucketName", "shop-quarantine"))
                    .template().function("Writer").orElseThrow().environment();
            assertThat(environment).containsEntry("NAMED_BUCKET", "shop-quarantine")
                    .containsEntry("GENERATED_BUCKET", "shop-generatedbucket");

            for (String bucket : environment.values()) {
                s3.headBucket(b -> b.bucket(bucket));
                s3.putObject(b -> b.bucket(bucket).key("fn/1.json"), RequestBody.fromString("{}"));
                assertThat(work.resolve("s3").resolve(bucket).resolve("fn/1.json")).hasContent("{}");
            }
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
                    .contains("shop-quarantine", "shop-generatedbucket");
        }
    }
}
