package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KinesisPayloadTest {

    private static final byte[] TEXT = "Zoë Müller".getBytes(StandardCharsets.UTF_8);

    @Test
    void decodeUtf8_whenDirectBuffer_decodesWithoutABackingArray() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(TEXT.length).put(TEXT).flip();

        assertThat(direct.hasArray()).isFalse();
        assertThat(KinesisPayload.decodeUtf8(direct)).isEqualTo("Zoë Müller");
    }

    @Test
    void decodeUtf8_whenReadOnlySlice_decodesOnlyTheRemainingBytesAndLeavesThePosition() throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(("xx" + "Zoë Müller").getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        buffer.position(2);

        assertThat(KinesisPayload.decodeUtf8(buffer)).isEqualTo("Zoë Müller");
        assertThat(buffer.position()).isEqualTo(2);
        assertThat(KinesisPayload.decodeUtf8(buffer)).isEqualTo("Zoë Müller");
    }

    @Test
    void decodeUtf8_whenNotUtf8_throwsInsteadOfReplacing() {
        // 0xC3 starts a two-byte sequence; 0x28 '(' cannot continue it.
        ByteBuffer invalid = ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x28});

        assertThatThrownBy(() -> KinesisPayload.decodeUtf8(invalid)).isInstanceOf(CharacterCodingException.class);
    }
}
