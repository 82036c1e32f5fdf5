package dev.ddbstreams.localcloud.testing;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The seeds a generative integration test runs, for a {@code @MethodSource} with
 * {@code @ParameterizedTest(name = "{0}")}: its first seed by default (each case starts a local
 * cloud and takes tens of seconds), {@code -Dpoison.seeds=N} for N seeds from the first,
 * {@code -Dpoison.seed=S} to replay one. Each case is named with the flag that replays it, and
 * with {@code @ExtendWith(Seeds.class)} a failure's message starts with that name.
 */
public final class Seeds implements TestExecutionExceptionHandler {

    public static final String COUNT_PROPERTY = "poison.seeds";
    public static final String REPLAY_PROPERTY = "poison.seed";

    public static Stream<Named<Long>> from(long first) {
        String replay = System.getProperty(REPLAY_PROPERTY, "");
        LongStream seeds = replay.isBlank()
                ? LongStream.range(first, first + Integer.parseInt(System.getProperty(COUNT_PROPERTY, "1").trim()))
                : LongStream.of(Long.parseLong(replay.trim()));
        return seeds.mapToObj(seed -> Named.of("seed " + seed + " (replay: -D" + REPLAY_PROPERTY + "=" + seed + ")", seed));
    }

    /** Maven reports a failed case by its index only: the message says which seed failed and how to replay it. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
        throw new AssertionError(context.getDisplayName() + ": " + failure.getMessage(), failure);
    }
}
