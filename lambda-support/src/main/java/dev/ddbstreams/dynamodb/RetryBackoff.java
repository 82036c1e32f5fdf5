package dev.ddbstreams.dynamodb;

import dev.ddbstreams.lambda.RestoreSafeRandom;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter, bounded: before retry {@code n} (1-based) it waits a
 * random time between zero and {@code min(cap, base * 2^(n-1))}, and it allows at most
 * {@code maxAttempts} sends in all. Full jitter spreads the retries of many writers apart, as
 * the AWS Architecture Blog's "Exponential Backoff And Jitter" recommends.
 */
public final class RetryBackoff {

    /** Waits for a while; a seam so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    public RetryBackoff(Duration base, Duration cap, int maxAttempts, RandomGenerator random, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.base = base;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.random = random;
        this.sleeper = sleeper;
    }

    /**
     * 50 ms doubling up to 5 s, at most 10 sends: about 20 s of waiting at worst. Its jitter is
     * seeded again after a SnapStart restore, so resumed environments do not wait in step.
     */
    public static RetryBackoff standard() {
        return new RetryBackoff(Duration.ofMillis(50), Duration.ofSeconds(5), 10, RestoreSafeRandom.create(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest wait before the given retry (1-based), before jitter. */
    Duration ceiling(int retry) {
        long doubled = base.toMillis() << Math.min(retry - 1, 30);
        return Duration.ofMillis(Math.min(cap.toMillis(), doubled));
    }

    /** Waits before the given retry (1-based). */
    public void pauseBefore(int retry) {
        long ceiling = ceiling(retry).toMillis();
        Duration wait = Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
