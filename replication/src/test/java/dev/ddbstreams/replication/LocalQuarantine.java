package dev.ddbstreams.replication;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.quarantine.S3ClientBucket;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.time.InstantSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A stack's quarantine bucket on the local cloud's S3, read back as the operator's tools read it. */
final class LocalQuarantine {

    private LocalQuarantine() {
    }

    /** {@code function}'s quarantine bucket (its QUARANTINE_BUCKET) in {@code deployment}. */
    static S3Quarantine of(LocalCloud cloud, LocalCloud.Deployment deployment, String function) {
        String bucket = deployment.template().functions().stream()
                .filter(definition -> definition.logicalId().equals(function)).findFirst().orElseThrow()
                .environment().get("QUARANTINE_BUCKET");
        S3Client s3 = S3Client.builder().endpointOverride(cloud.s3().uri()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(LocalDynamoDb.CREDENTIALS).build();
        return new S3Quarantine(new S3ClientBucket(s3, bucket), InstantSource.system());
    }
}
