package dev.ddbstreams.quarantine;

import java.util.List;

/**
 * The S3 bucket {@link S3Quarantine} keeps its objects in. A handler writes through
 * {@link PutObjectBucket} (one signed PutObject, no S3 client in the Lambda jar); an operator's
 * tools and the tests read and write through {@link S3ClientBucket}.
 */
public interface QuarantineBucket {

    /** The bucket's name. */
    String name();

    /** Writes (or replaces) one JSON object. */
    void put(String key, byte[] json);

    /** Every key under the prefix, in S3's (UTF-8 binary) order. */
    List<String> keys(String prefix);

    /** One object's content. */
    byte[] read(String key);
}
