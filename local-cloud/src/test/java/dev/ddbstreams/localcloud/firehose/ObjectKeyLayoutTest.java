package dev.ddbstreams.localcloud.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectKeyLayoutTest {

    private static final Instant AT = Instant.parse("2018-08-27T10:30:05Z");
    private static final UUID ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

    @Test
    void key_whenNoPrefix_usesDefaultHourPrefixAndSuffix() {
        ObjectKeyLayout layout = ObjectKeyLayout.of("s", Optional.empty(), Optional.empty(), ObjectCompression.UNCOMPRESSED);

        assertThat(layout.key(AT, ID)).isEqualTo("2018/08/27/10/s-1-2018-08-27-10-30-05-11111111-2222-3333-4444-555555555555");
    }

    @Test
    void key_whenLiteralPrefix_appendsDefaultTimePrefix() {
        ObjectKeyLayout layout = ObjectKeyLayout.of("s", Optional.of("archive/"), Optional.empty(), ObjectCompression.GZIP);

        assertThat(layout.key(AT, ID)).isEqualTo("archive/2018/08/27/10/s-1-2018-08-27-10-30-05-" + ID + ".gz");
        assertThat(layout.errorKey(AT, ID)).startsWith("archive/processing-failed/2018/08/27/10/s-1-");
    }

    @Test
    void key_whenTimestampExpressionsWithQuotes_evaluatesThemInUtc() {
        ObjectKeyLayout layout = ObjectKeyLayout.of("s", Optional.of("myPrefix/!{timestamp:'year='yyyy'/month='MM}/day=!{timestamp:dd}/"),
                Optional.of("myErrorPrefix/!{timestamp:yyyy}/!{firehose:error-output-type}"), ObjectCompression.UNCOMPRESSED);

        assertThat(layout.evaluatedPrefix(AT)).isEqualTo("myPrefix/year=2018/month=08/day=27/");
        assertThat(layout.errorKey(AT, ID)).startsWith("myErrorPrefix/2018/processing-failed");
    }

    @Test
    void key_whenRandomStringUsedTwice_evaluatesEachToNew11Characters() {
        ObjectKeyLayout layout = ObjectKeyLayout.of("s", Optional.of("!{firehose:random-string}/!{firehose:random-string}/"),
                Optional.of("e/!{firehose:error-output-type}/"), ObjectCompression.UNCOMPRESSED);

        String[] parts = layout.evaluatedPrefix(AT).split("/");

        assertThat(parts[0]).matches("[0-9a-f]{11}");
        assertThat(parts[1]).matches("[0-9a-f]{11}").isNotEqualTo(parts[0]);
        // No timestamp expression in the prefix, so Firehose appends the default one.
        assertThat(layout.evaluatedPrefix(AT)).endsWith("/2018/08/27/10/");
    }

    @Test
    void of_whenPrefixHasExpressionsButNoErrorPrefix_rejects() {
        assertThatThrownBy(() -> ObjectKeyLayout.of("s", Optional.of("!{timestamp:yyyy}/"), Optional.empty(),
                ObjectCompression.UNCOMPRESSED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ErrorOutputPrefix can't be null when Prefix contains expressions");
    }

    @Test
    void of_whenErrorPrefixHasExpressionsButNoErrorOutputType_rejects() {
        assertThatThrownBy(() -> ObjectKeyLayout.of("s", Optional.of("!{timestamp:yyyy}/"), Optional.of("e/!{timestamp:yyyy}/"),
                ObjectCompression.UNCOMPRESSED))
                .hasMessageContaining("must include !{firehose:error-output-type}");
    }

    @Test
    void of_whenPrefixHasErrorOutputType_rejects() {
        assertThatThrownBy(() -> ObjectKeyLayout.of("s", Optional.of("!{firehose:error-output-type}/"),
                Optional.of("e/!{firehose:error-output-type}"), ObjectCompression.UNCOMPRESSED))
                .hasMessageContaining("Prefix '!{firehose:error-output-type}/' can't contain !{firehose:error-output-type}");
    }

    @Test
    void of_whenExpressionUnclosedOrUnknown_rejects() {
        assertThatThrownBy(() -> ObjectKeyLayout.of("s", Optional.of("a/!{timestamp:yyyy"), Optional.of("e/"),
                ObjectCompression.UNCOMPRESSED)).hasMessageContaining("is not closed");
        assertThatThrownBy(() -> ObjectKeyLayout.of("s", Optional.of("a/!{partitionKeyFromQuery:id}/"), Optional.of("e/"),
                ObjectCompression.UNCOMPRESSED)).hasMessageContaining("dynamic partitioning");
        assertThatThrownBy(() -> ObjectKeyLayout.of("s", Optional.of("a/!{timestamp:bb}/"), Optional.of("e/"),
                ObjectCompression.UNCOMPRESSED)).hasMessageContaining("is not a Java DateTimeFormatter pattern");
    }
}
