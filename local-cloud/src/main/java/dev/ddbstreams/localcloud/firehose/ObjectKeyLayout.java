package dev.ddbstreams.localcloud.firehose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Names objects the way Firehose does: {@code <evaluated prefix><stream>-<version>-<yyyy>-<MM>-
 * <dd>-<HH>-<mm>-<ss>-<uuid><extension>}, all times in UTC from the arrival of the object's
 * oldest record. Also enforces Firehose's semantic rules for Prefix and ErrorOutputPrefix.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html">S3 object name format</a>
 */
final class ObjectKeyLayout {

    /** The delivery stream version in keys: 1, as for a stream whose configuration never changed. */
    static final int VERSION = 1;
    /** Neither prefix may be longer than this after evaluation. */
    static final int MAX_PREFIX_LENGTH = 512;
    /** The only error output type the local Firehose can produce (there is no processing Lambda). */
    static final String ERROR_OUTPUT_TYPE = "processing-failed";

    private static final DateTimeFormatter SUFFIX_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String RANDOM_CHARACTERS = "0123456789abcdef";
    private static final int RANDOM_STRING_LENGTH = 11;

    private final String deliveryStreamName;
    private final PrefixTemplate prefix;
    private final PrefixTemplate errorOutputPrefix;
    private final String extension;
    private final Random random = new Random();

    private ObjectKeyLayout(String deliveryStreamName, PrefixTemplate prefix, PrefixTemplate errorOutputPrefix,
            String extension) {
        this.deliveryStreamName = deliveryStreamName;
        this.prefix = prefix;
        this.errorOutputPrefix = errorOutputPrefix;
        this.extension = extension;
    }

    /**
     * Builds the layout, applying Firehose's rules.
     *
     * @throws IllegalArgumentException when a rule is broken, saying which
     */
    static ObjectKeyLayout of(String deliveryStreamName, Optional<String> prefixText, Optional<String> errorPrefixText,
            ObjectCompression compression) {
        PrefixTemplate prefix = PrefixTemplate.parse("Prefix", prefixText.orElse(""));
        if (prefix.hasErrorOutputType()) {
            throw new IllegalArgumentException("Prefix '" + prefix.source()
                    + "' can't contain !{firehose:error-output-type}: it belongs in ErrorOutputPrefix");
        }
        PrefixTemplate errorPrefix;
        if (errorPrefixText.isPresent()) {
            errorPrefix = PrefixTemplate.parse("ErrorOutputPrefix", errorPrefixText.get());
            if (errorPrefix.hasExpressions() && !errorPrefix.hasErrorOutputType()) {
                throw new IllegalArgumentException("ErrorOutputPrefix '" + errorPrefix.source()
                        + "' has expressions, so it must include !{firehose:error-output-type}");
            }
        } else if (prefix.hasExpressions()) {
            throw new IllegalArgumentException("ErrorOutputPrefix can't be null when Prefix contains expressions (Prefix '"
                    + prefix.source() + "')");
        } else {
            // Firehose: <prefix><error-output-type>/YYYY/MM/dd/HH/ when only a literal prefix is given.
            errorPrefix = PrefixTemplate.parse("ErrorOutputPrefix",
                    prefix.source() + "!{firehose:error-output-type}/!{timestamp:" + PrefixTemplate.DEFAULT_TIME_PATTERN + "}");
        }
        ObjectKeyLayout layout = new ObjectKeyLayout(deliveryStreamName, prefix.withDefaultTimestampIfNone(), errorPrefix,
                compression.extension());
        layout.requireShortEnough();
        return layout;
    }

    /** The key of an object holding records whose oldest arrived at {@code oldestArrival}. */
    String key(Instant oldestArrival, UUID uuid) {
        return evaluatedPrefix(oldestArrival) + suffix(oldestArrival, uuid);
    }

    /** The key Firehose would use for failed records (processing failures); unused for S3 delivery. */
    String errorKey(Instant oldestArrival, UUID uuid) {
        return errorOutputPrefix.evaluate(oldestArrival, ERROR_OUTPUT_TYPE, this::randomString) + suffix(oldestArrival, uuid);
    }

    String evaluatedPrefix(Instant oldestArrival) {
        return prefix.evaluate(oldestArrival, ERROR_OUTPUT_TYPE, this::randomString);
    }

    private String suffix(Instant oldestArrival, UUID uuid) {
        return deliveryStreamName + "-" + VERSION + "-" + SUFFIX_TIME.format(oldestArrival) + "-" + uuid + extension;
    }

    private synchronized String randomString() {
        StringBuilder out = new StringBuilder(RANDOM_STRING_LENGTH);
        for (int i = 0; i < RANDOM_STRING_LENGTH; i++) {
            out.append(RANDOM_CHARACTERS.charAt(random.nextInt(RANDOM_CHARACTERS.length())));
        }
        return out.toString();
    }

    // Checked once at configuration with a late-in-the-year instant; month names could still vary a little.
    private void requireShortEnough() {
        Instant sample = Instant.parse("2000-09-30T23:59:59Z");
        String evaluated = prefix.evaluate(sample, ERROR_OUTPUT_TYPE, this::randomString);
        String evaluatedError = errorOutputPrefix.evaluate(sample, ERROR_OUTPUT_TYPE, this::randomString);
        if (evaluated.length() > MAX_PREFIX_LENGTH || evaluatedError.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("Prefix and ErrorOutputPrefix can't be longer than " + MAX_PREFIX_LENGTH
                    + " characters after evaluation");
        }
    }
}
