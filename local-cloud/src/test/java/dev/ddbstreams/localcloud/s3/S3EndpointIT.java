package dev.ddbstreams.localcloud.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local S3 through the SDK's own {@code S3Client}, built with no {@code forcePathStyle}:
 * S3's endpoint rules choose path-style for an IP endpoint. And through the AWS CLI when it is
 * installed (CI installs it; there its absence fails the test).
 */
class S3EndpointIT {

    @TempDir
    Path workFolder;

    private S3Endpoint endpoint;
    private S3Client s3;

    @BeforeEach
    void start() {
        endpoint = S3Endpoint.start(workFolder.resolve("s3"), "us-east-1");
        s3 = S3Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterEach
    void stop() {
        s3.close();
        endpoint.close();
    }

    @Test
    void putGetHeadDelete_keepBytesExactInTheBucketsFolder() throws IOException {
        s3.createBucket(b -> b.bucket("quarantine"));
        byte[] content = new byte[1_500_000];
        new Random(1).nextBytes(content); // not UTF-8, and more than one chunk of the SDK's upload

        s3.putObject(b -> b.bucket("quarantine").key("fn/2026/12/05/s1/42.json"), RequestBody.fromBytes(content));

        assertThat(Files.readAllBytes(workFolder.resolve("s3/quarantine/fn/2026/12/05/s1/42.json"))).isEqualTo(content);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("quarantine").key("fn/2026/12/05/s1/42.json")).asByteArray())
                .isEqualTo(content);
        HeadObjectResponse head = s3.headObject(b -> b.bucket("quarantine").key("fn/2026/12/05/s1/42.json"));
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.eTag()).isEqualTo(BucketFolders.etag(content));

        s3.deleteObject(b -> b.bucket("quarantine").key("fn/2026/12/05/s1/42.json"));

        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("quarantine").key("fn/2026/12/05/s1/42.json")))
                .isInstanceOf(NoSuchKeyException.class).hasMessageContaining("The specified key does not exist.");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("quarantine").key("fn/2026/12/05/s1/42.json")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(workFolder.resolve("s3/quarantine")).isEmptyDirectory();
    }

    @Test
    void missingBucket_isNoSuchBucket() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("missing").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("missing"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("missing")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void unsupportedOperation_isNotImplementedInS3sErrorShape() {
        s3.createBucket(b -> b.bucket("quarantine"));

        assertThatThrownBy(() -> s3.createMultipartUpload(b -> b.bucket("quarantine").key("big")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
    }

    @Test
    void listObjectsV2_withPrefixDelimiterAndPages_listsWhatIsInTheFolders() throws IOException {
        // Written as the local Firehose writes: straight into the bucket's folder.
        for (String key : List.of("2026/12/04/10/a.json", "2026/12/05/09/b.json", "2026/12/05/10/c.json", "readme.txt")) {
            Path file = workFolder.resolve("s3/ArchiveBucket").resolve(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, key);
        }

        ListObjectsV2Response days = s3.listObjectsV2(b -> b.bucket("ArchiveBucket").prefix("2026/12/").delimiter("/"));
        List<String> paged = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket("ArchiveBucket").maxKeys(1)).contents()
                .forEach(object -> paged.add(object.key()));

        assertThat(days.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("2026/12/04/", "2026/12/05/");
        assertThat(days.contents()).isEmpty();
        assertThat(paged).containsExactly("2026/12/04/10/a.json", "2026/12/05/09/b.json", "2026/12/05/10/c.json",
                "readme.txt");
        assertThat(s3.listObjectsV2(b -> b.bucket("ArchiveBucket").prefix("read")).contents())
                .extracting(S3Object::key, S3Object::size).containsExactly(tuple("readme.txt", 10L));
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("ArchiveBucket");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("ArchiveBucket").key("2026/12/05/10/c.json")).asUtf8String())
                .isEqualTo("2026/12/05/10/c.json");
    }

    @Test
    void awsCli_copiesListsAndReadsObjects() throws Exception {
        requireAwsCli();
        Path local = workFolder.resolve("record.json");
        Files.writeString(local, "{\"eventID\":\"1\"}\n");

        cli("s3api", "create-bucket", "--bucket", "quarantine");
        cli("s3", "cp", local.toString(), "s3://quarantine/fn/2026/12/05/s1/1.json");
        cli("s3api", "put-object", "--bucket", "quarantine", "--key", "fn/2026/12/05/s1/2.json", "--body", local.toString());
        String listed = cli("s3", "ls", "--recursive", "s3://quarantine/fn/");
        String listedV2 = cli("s3api", "list-objects-v2", "--bucket", "quarantine", "--prefix", "fn/2026/12/05/",
                "--query", "Contents[].Key", "--output", "text");
        cli("s3api", "get-object", "--bucket", "quarantine", "--key", "fn/2026/12/05/s1/2.json",
                workFolder.resolve("copy.json").toString());
        cli("s3api", "delete-object", "--bucket", "quarantine", "--key", "fn/2026/12/05/s1/1.json");

        assertThat(listed).contains("fn/2026/12/05/s1/1.json").contains("fn/2026/12/05/s1/2.json");
        assertThat(listedV2.trim().split("\\s+")).containsExactly("fn/2026/12/05/s1/1.json", "fn/2026/12/05/s1/2.json");
        assertThat(workFolder.resolve("copy.json")).hasContent("{\"eventID\":\"1\"}");
        assertThat(s3.listObjectsV2(b -> b.bucket("quarantine")).contents()).extracting(S3Object::key)
                .containsExactly("fn/2026/12/05/s1/2.json");
        assertThat(cli("s3", "ls")).contains("quarantine");
    }

    private static void requireAwsCli() throws InterruptedException {
        boolean installed;
        try {
            installed = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            installed = false;
        }
        // CI installs the AWS CLI: there a missing one is a failure, not a reason to skip.
        assertThat(installed || System.getenv("CI") == null).as("the AWS CLI is on the PATH in CI").isTrue();
        Assumptions.assumeTrue(installed, "the AWS CLI is not installed here");
    }

    private String cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.uri().toString(),
                "--region", "us-east-1"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws %s finished", arguments[0]).isTrue();
        assertThat(process.exitValue()).as("aws %s: %s", String.join(" ", arguments), output).isZero();
        return output;
    }
}
