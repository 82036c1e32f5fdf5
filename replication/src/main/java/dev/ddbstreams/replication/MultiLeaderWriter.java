package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.FailureClassifier;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.records.Image;
import dev.ddbstreams.replication.KeyedBatch.KeyWrite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Multi-leader replication, one region's side: applies the changes this region's applications
 * made (items whose {@value ItemVersion#ORIGIN} is this region) to the same table in every peer
 * region, where they win only if newer ({@link ItemVersion}: last writer wins, ties broken by
 * region name).
 *
 * <ul>
 *   <li>Loop prevention: a change that arrived by replication carries a peer's origin and is not
 *       sent on. The trigger's FilterCriteria keeps such records from the function altogether;
 *       this class checks again, and counts and logs what the filter should have kept out.</li>
 *   <li>Deletes are tombstones ({@value ItemVersion#DELETED} {@code true}), written by
 *       {@link LeaderWrites} and replicated like any put. A REMOVE record (the tombstone's TTL
 *       expiry, or a delete that bypassed {@link LeaderWrites}) is not replicated.</li>
 *   <li>One write per key per batch (the key's latest local change, {@link KeyedBatch}), one
 *       conditional PutItem per key and peer ({@link DynamoDbPeerTable}); a write the peer refuses
 *       because it holds a newer version is a success.</li>
 * </ul>
 *
 * <p><b>Poison records.</b> A write a peer refuses for good (a {@code ValidationException}: a
 * peer table whose schema or indexes differ, say; {@code FailureClassifier}) goes whole to that
 * peer's {@link PeerQuarantine}: the key's change that was sent, the key's latest in the batch. The
 * batch goes on, and so do the other peers, each written and quarantined on its own; the refusing
 * peer keeps what it had for that key until the record is redriven.
 *
 * <p>A record that does not even read as a change record (a malformed event) goes, as Lambda sent
 * it, to every peer's quarantine, and the batch goes on without it.
 *
 * <p><b>Failure mode.</b> As {@link ReplicaWriter}: a write that fails for
 * a transient reason (the peer unreachable, throttling, a timeout), or a record the quarantine
 * could not keep, stops the batch, and the response names the earliest record not applied to every peer (the
 * first change of the first key whose writes did not all succeed, or of any key after it). Lambda
 * retries from there; writes that already reached a peer are refused there as not newer, so a
 * retry or a duplicate delivery changes nothing. A record of this region's whose version does not
 * read (no {@code _updated}, one of another type or not a whole number, an {@code _origin} that is
 * no string, no new image) can never be replicated: it goes whole to every peer's quarantine and
 * the batch goes on, so the shard never stalls on it.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class MultiLeaderWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MultiLeaderWriter.class);

    private final String localRegion;
    private final List<PeerTable> peers;
    private final PeerQuarantine quarantine;

    /** Where a record a peer refuses for good is kept: each peer's own {@link Quarantine}. */
    @FunctionalInterface
    public interface PeerQuarantine {
        Quarantine forPeer(String peerRegion);
    }

    public MultiLeaderWriter(String localRegion, List<PeerTable> peers, PeerQuarantine quarantine) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("multi-leader replication needs at least one peer region");
        }
        if (peers.stream().anyMatch(peer -> peer.region().equals(localRegion))) {
            throw new IllegalArgumentException("the peer regions include this region, " + localRegion);
        }
        this.localRegion = localRegion;
        this.peers = List.copyOf(peers);
        this.quarantine = quarantine;
    }

    /** An image to replicate and its version. */
    record Versioned(Map<String, AttributeValue> item, ItemVersion version) {
    }

    /** Records that need no replication, by reason. */
    private static final class Skipped {
        int replicated;
        int unversioned;
        int expiredTombstones;
        int removes;
    }

    /** A record of this region's that can never be replicated: its image or version does not read. */
    private record Invalid(ChangeRecord record, Failure failure) {
    }

    /** Applies the records (in stream order, as Lambda sends them) to every peer and says where to resume. */
    public StreamsEventResponse apply(List<DynamodbEvent.DynamodbStreamRecord> records) {
        Skipped skipped = new Skipped();
        List<Invalid> invalid = new ArrayList<>();
        Set<Integer> unreadable = new HashSet<>();
        int readUpTo = quarantineUnreadable(records, unreadable);
        KeyedBatch<Versioned> plan = KeyedBatch.plan(records.subList(0, readUpTo), unreadable,
                record -> versioned(record, skipped, invalid));
        int failedFrom = plan.readUpTo();
        int written = 0;
        int refused = 0;
        int quarantined = 0;
        // Left out of the plan (a key's earlier change in the batch, if any, is what the peers get): kept for
        // every peer, which all miss it. One the quarantine could not keep is retried, never skipped.
        for (Invalid bad : invalid) {
            for (PeerTable peer : peers) {
                if (Quarantine.keepOrRetry(quarantine.forPeer(peer.region()), bad.record(), bad.failure(), LOG)) {
                    quarantined++;
                } else {
                    failedFrom = Math.min(failedFrom, indexOf(records, bad.record()));
                }
            }
        }
        List<KeyWrite<Versioned>> writes = plan.writes();
        for (int i = 0; i < writes.size(); i++) {
            KeyWrite<Versioned> write = writes.get(i);
            boolean applied = true;
            // Each peer on its own: one refusing or unreachable peer must not keep the others from a write they take.
            for (PeerTable peer : peers) {
                try {
                    if (peer.putIfNewer(write.write().item(), write.write().version())) {
                        written++;
                    } else {
                        refused++;
                    }
                } catch (SdkException e) {
                    Failure failure = FailureClassifier.classify(e);
                    if (failure.isPermanent() && Quarantine.keepOrRetry(quarantine.forPeer(peer.region()),
                            records.get(write.lastIndex()), failure, LOG)) {
                        quarantined++;
                        continue;
                    }
                    LOG.warn("Replicating key {} to {} failed: {}", write.key(), peer.region(), e.toString());
                    applied = false;
                }
            }
            if (!applied) {
                // Handled: this key and every later one may be missing somewhere; resume at the earliest of their changes.
                failedFrom = Math.min(failedFrom, writes.subList(i, writes.size()).stream()
                        .mapToInt(KeyWrite::firstIndex).min().orElseThrow());
                break;
            }
        }
        LOG.info("Applied {} of {} records: {} keys to {} peers, {} writes, {} refused as not newer, {} quarantined; "
                        + "skipped {} replicated, {} expired tombstones", failedFrom, records.size(), writes.size(),
                peers.size(), written, refused, quarantined, skipped.replicated, skipped.expiredTombstones);
        if (skipped.replicated > 0) {
            LOG.warn("{} records that came from peer regions reached the function: is the trigger's FilterCriteria "
                    + "missing? They were not sent on", skipped.replicated);
        }
        if (skipped.unversioned > 0 || skipped.removes > 0) {
            LOG.warn("NOT REPLICATED: {} writes without {} and {} deletes did not go through LeaderWrites",
                    skipped.unversioned, ItemVersion.ORIGIN, skipped.removes);
        }
        return KeyedBatch.response(records, failedFrom);
    }

    /**
     * Quarantines, for every peer, each record that does not even read as a change record (a
     * malformed event: it never will), so the batch goes on without it.
     *
     * @return the index of the first such record that a peer's quarantine could not keep (or the size)
     */
    private int quarantineUnreadable(List<DynamodbEvent.DynamodbStreamRecord> records, Set<Integer> unreadable) {
        for (int i = 0; i < records.size(); i++) {
            Failure failure;
            try {
                ChangeRecords.fromLambda(records.get(i));
                continue;
            } catch (ChangeRecordException e) {
                failure = FailureClassifier.classify(e);
            }
            for (PeerTable peer : peers) {
                if (!Quarantine.keepUnreadableOrRetry(quarantine.forPeer(peer.region()), records.get(i), failure, LOG)) {
                    return i;
                }
            }
            unreadable.add(i);
        }
        return records.size();
    }

    private Optional<Versioned> versioned(ChangeRecord record, Skipped skipped, List<Invalid> invalid) {
        if (record.eventName() == EventName.REMOVE) {
            if (record.ttlDelete()) {
                skipped.expiredTombstones++; // each region expires its own tombstones
            } else {
                skipped.removes++;
            }
            return Optional.empty();
        }
        try {
            Image image = record.requireNewImage();
            if (!image.contains(ItemVersion.ORIGIN)) {
                LOG.warn("Record {} (key {}) has no {}: written without LeaderWrites, not replicated", record.eventId(),
                        record.keys().attributes(), ItemVersion.ORIGIN);
                skipped.unversioned++;
                return Optional.empty();
            }
            if (!image.string(ItemVersion.ORIGIN).equals(localRegion)) {
                skipped.replicated++;
                return Optional.empty();
            }
            return Optional.of(new Versioned(image.attributes(), ItemVersion.of(image)));
        } catch (ChangeRecordException e) {
            invalid.add(new Invalid(record, FailureClassifier.classify(e)));
        } catch (IllegalArgumentException e) {
            invalid.add(new Invalid(record, Failure.permanent("record " + record.eventId() + ": " + e.getMessage())));
        }
        return Optional.empty();
    }

    private static int indexOf(List<DynamodbEvent.DynamodbStreamRecord> records, ChangeRecord record) {
        for (int i = 0; i < records.size(); i++) {
            if (record.eventId().equals(records.get(i).getEventID())) {
                return i;
            }
        }
        throw new IllegalStateException("record " + record.eventId() + " is not in the batch");
    }
}
