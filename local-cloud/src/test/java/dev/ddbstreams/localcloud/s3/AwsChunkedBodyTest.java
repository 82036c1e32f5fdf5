package dev.ddbstreams.localcloud.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedBodyTest {

    @Test
    void decode_withSignedChunksAndATrailer_returnsOnlyTheContent() {
        String body = "5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=0\r\n"
                + "x-amz-checksum-crc32:DUoRhQ==\r\n\r\n";

        assertThat(AwsChunkedBody.decode(body.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("hello world".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void decode_whenAChunkRunsPastTheEnd_refusesIt() {
        assertThatThrownBy(() -> AwsChunkedBody.decode("a\r\nabc".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs past the end");
    }

    @Test
    void isChunked_byEncodingOrStreamingSignature() {
        assertThat(AwsChunkedBody.isChunked("aws-chunked", null)).isTrue();
        assertThat(AwsChunkedBody.isChunked(null, "STREAMING-UNSIGNED-PAYLOAD-TRAILER")).isTrue();
        assertThat(AwsChunkedBody.isChunked(null, "UNSIGNED-PAYLOAD")).isFalse();
    }
}
