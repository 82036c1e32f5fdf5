package dev.ddbstreams.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The quarantine bucket through the SDK's {@code S3Client}: for the CLI's redrive and the tests,
 * which also list and read. The Lambda jars do not hold the S3 client (see {@link PutObjectBucket}).
 */
public final class S3ClientBucket implements QuarantineBucket {

    private final S3Client s3;
    private final String name;

    public S3ClientBucket(S3Client s3, String name) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void put(String key, byte[] json) {
        s3.putObject(b -> b.bucket(name).key(key).contentType("application/json"), RequestBody.fromBytes(json));
    }

    @Override
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix)).contents().forEach(object -> keys.add(object.key()));
        return keys;
    }

    @Override
    public byte[] read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(name).key(key)).asByteArray();
    }
}
