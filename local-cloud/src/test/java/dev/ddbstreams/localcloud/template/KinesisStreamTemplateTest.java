package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.template.TemplateNotice.Kind;
import org.junit.jupiter.api.Test;

/** Kinesis data streams, in kinesis-streams.yaml. */
class KinesisStreamTemplateTest {

    private final Template template = TestTemplates.read("kinesis-streams.yaml");

    @Test
    void read_namesStreamsByNameOrAsTheStackWould_withTheirShards() {
        assertThat(template.kinesisStreams()).containsExactly(
                new KinesisStreamDefinition("ScoreStream", "scores", false, 2),
                new KinesisStreamDefinition("ClickStream", "local-stack-ClickStream", true, 0));
    }

    @Test
    void read_reportsRetentionAsNotEmulated_andEncryptionAsWithoutLocalEffect() {
        assertThat(template.notices(Kind.NOT_SUPPORTED)).extracting(TemplateNotice::toString).containsExactly(
                "ScoreStream.Properties.RetentionPeriodHours: not supported locally"
                        + " (records are kept until the local cloud stops, never trimmed)");
        assertThat(template.notices(Kind.NO_LOCAL_EFFECT)).extracting(TemplateNotice::path)
                .contains("ScoreStream.Properties.StreamEncryption");
        assertThat(template.notices(Kind.NOT_RUN_LOCALLY)).isEmpty();
    }

    @Test
    void read_whenProvisionedWithoutShardCount_failsNamingTheProperty() {
        assertThatThrownBy(() -> TestTemplates.read("bad-kinesis-without-shard-count.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("ScoreStream.Properties.ShardCount")
                .hasMessageContaining("is required for a PROVISIONED stream");
    }
}
