package dev.ddbstreams.localcloud.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryStreamConfigTest {

    private static final Path BUCKET = Path.of("bucket");

    @Test
    void of_whenOnlyName_usesFirehoseDefaults() {
        DeliveryStreamConfig config = DeliveryStreamConfig.of("archive", BUCKET);

        assertThat(config.bufferSizeMb()).isEqualTo(5);
        assertThat(config.bufferInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.compression()).isEqualTo(ObjectCompression.UNCOMPRESSED);
        assertThat(config.bufferSizeBytes()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void of_whenTemplateParts_mapsThem() {
        DeliveryStreamConfig config = DeliveryStreamConfig.of("archive", BUCKET, Optional.of(""), Optional.empty(), 128,
                Duration.ZERO, "GZIP");

        assertThat(config.prefix()).isEmpty();
        assertThat(config.compression()).isEqualTo(ObjectCompression.GZIP);
    }

    @Test
    void new_whenBufferHintsOutOfRange_rejectsNamingTheHint() {
        assertThatThrownBy(() -> DeliveryStreamConfig.of("a", BUCKET).withBuffering(129, Duration.ofSeconds(60)))
                .hasMessageContaining("SizeInMBs must be between 1 and 128, was 129");
        assertThatThrownBy(() -> DeliveryStreamConfig.of("a", BUCKET).withBuffering(0, Duration.ofSeconds(60)))
                .hasMessageContaining("SizeInMBs");
        assertThatThrownBy(() -> DeliveryStreamConfig.of("a", BUCKET).withBuffering(5, Duration.ofSeconds(901)))
                .hasMessageContaining("IntervalInSeconds must be between 0 and 900, was 901");
    }

    @Test
    void new_whenNameInvalid_rejects() {
        assertThatThrownBy(() -> DeliveryStreamConfig.of("has space", BUCKET))
                .hasMessageContaining("DeliveryStreamName 'has space'");
    }

    @Test
    void parse_whenCompressionNotEmulated_rejectsClearly() {
        assertThatThrownBy(() -> ObjectCompression.parse("Snappy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not emulated locally: use UNCOMPRESSED or GZIP");
        assertThatThrownBy(() -> ObjectCompression.parse("BROTLI")).hasMessageContaining("unknown CompressionFormat");
    }
}
