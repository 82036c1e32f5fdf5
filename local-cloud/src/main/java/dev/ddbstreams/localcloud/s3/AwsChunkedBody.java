package dev.ddbstreams.localcloud.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a body sent with {@code Content-Encoding: aws-chunked}, as the SDK v2 and the AWS CLI
 * send PutObject bodies with a checksum trailer: chunks of {@code <hex size>[;chunk-signature=...]\r\n
 * <bytes>\r\n}, ended by a chunk of size 0 and the trailers, which are not needed here (signatures
 * and checksums are not checked locally).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html">Signature calculations for the Authorization header: transferring payload in multiple chunks</a>
 */
final class AwsChunkedBody {

    private AwsChunkedBody() {
    }

    static boolean isChunked(String contentEncoding, String contentSha256) {
        return (contentEncoding != null && contentEncoding.contains("aws-chunked"))
                || (contentSha256 != null && contentSha256.startsWith("STREAMING-"));
    }

    /** @throws IllegalArgumentException if the body is not aws-chunked */
    static byte[] decode(byte[] body) {
        ByteArrayOutputStream content = new ByteArrayOutputStream(body.length);
        int position = 0;
        while (true) {
            int lineEnd = indexOfCrLf(body, position);
            String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("aws-chunked body: bad chunk header '" + header + "'", e);
            }
            position = lineEnd + 2;
            if (size == 0) {
                return content.toByteArray();
            }
            if (position + size > body.length) {
                throw new IllegalArgumentException("aws-chunked body: a chunk of " + size + " bytes runs past the end");
            }
            content.write(body, position, size);
            position += size + 2;
        }
    }

    private static int indexOfCrLf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("aws-chunked body: no chunk header at byte " + from);
    }
}
