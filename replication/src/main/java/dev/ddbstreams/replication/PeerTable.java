package dev.ddbstreams.replication;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A peer region's table, as the multi-leader replicator writes it: only where its version is newer. */
public interface PeerTable {

    String region();

    /**
     * Puts the whole item unless the peer already holds this version or a newer one.
     *
     * @return true if written, false if the stored version won (a duplicate, or a newer write)
     * @throws software.amazon.awssdk.core.exception.SdkException if the write failed
     */
    boolean putIfNewer(Map<String, AttributeValue> item, ItemVersion version);
}
