package dev.ddbstreams.lambda;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A fast random generator that is seeded again after a SnapStart restore. Every execution
 * environment resumed from one snapshot starts with the snapshot's generator state, so a
 * generator seeded at init would hand each of them the same "random" numbers (the same backoff
 * jitter, so retries that should spread out collide). Lambda's advice is to create entropy after
 * the restore, with a runtime hook: this is that hook. See
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html
 *
 * <p>org.crac holds registered resources weakly: whoever uses it keeps a reference (it does, as
 * the backoff's generator).
 */
public final class RestoreSafeRandom implements RandomGenerator, Resource {

    private static final SecureRandom SEEDS = new SecureRandom();

    private volatile SplittableRandom generator;

    RestoreSafeRandom(long seed) {
        this.generator = new SplittableRandom(seed);
    }

    /** Seeded from {@link SecureRandom}, and again from it after every restore. */
    public static RestoreSafeRandom create() {
        RestoreSafeRandom random = new RestoreSafeRandom(SEEDS.nextLong());
        Core.getGlobalContext().register(random);
        return random;
    }

    @Override
    public long nextLong() {
        return generator.nextLong();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        generator = new SplittableRandom(SEEDS.nextLong());
    }
}
