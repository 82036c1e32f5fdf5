package dev.ddbstreams.localcloud.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Shard;

class StreamReaderTest {

    @Test
    void parentsFirst_whenChildIsListedBeforeParent_putsParentFirst() {
        Shard grandchild = Shard.builder().shardId("c2").parentShardId("c1").build();
        Shard child = Shard.builder().shardId("c1").parentShardId("p").build();
        Shard parent = Shard.builder().shardId("p").build();

        assertThat(StreamReader.parentsFirst(List.of(grandchild, child, parent)))
                .extracting(Shard::shardId).containsExactly("p", "c1", "c2");
    }

    @Test
    void parentsFirst_whenParentHasLeftTheStream_keepsTheOrphan() {
        Shard orphan = Shard.builder().shardId("c1").parentShardId("trimmed").build();

        assertThat(StreamReader.parentsFirst(List.of(orphan))).extracting(Shard::shardId).containsExactly("c1");
    }
}
