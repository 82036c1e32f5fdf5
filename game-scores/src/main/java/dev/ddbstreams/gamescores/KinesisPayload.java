package dev.ddbstreams.gamescores;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes a Kinesis record's data: strict UTF-8, whatever kind of ByteBuffer the runtime gives. */
final class KinesisPayload {

    private KinesisPayload() {
    }

    /**
     * Decodes the buffer's remaining bytes without moving its position and without assuming it has
     * an accessible backing array (a read-only or direct buffer has none).
     *
     * @throws CharacterCodingException if the bytes are not valid UTF-8 (never replaced by U+FFFD)
     */
    static String decodeUtf8(ByteBuffer data) throws CharacterCodingException {
        // A decoder keeps state, so one per call (cheap), not one shared by every invocation.
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(data.duplicate())
                .toString();
    }
}
