package dev.ddbstreams.localcloud.firehose;

import java.util.Optional;
import java.util.Random;

/**
 * Decides, from {@link FirehoseFaults}, which calls are throttled and which records fail. One
 * seeded random source, drawn in call order, so a single-threaded run is reproducible.
 */
final class FaultInjector {

    /** The error an entry of the response carries. */
    record RecordFailure(String errorCode, String errorMessage) {
    }

    private static final RecordFailure SERVICE_UNAVAILABLE =
            new RecordFailure(ServiceErrors.SERVICE_UNAVAILABLE_CODE, ServiceErrors.SLOW_DOWN);
    private static final RecordFailure INTERNAL_FAILURE =
            new RecordFailure(ServiceErrors.INTERNAL_FAILURE_CODE, ServiceErrors.INTERNAL_FAILURE_MESSAGE);

    private final FirehoseFaults faults;
    private final Random random;
    private int failNext;

    FaultInjector(FirehoseFaults faults) {
        this.faults = faults;
        this.random = new Random(faults.seed());
        this.failNext = faults.failFirstRecords();
    }

    synchronized boolean throttleCall() {
        return faults.throttleRate() > 0 && random.nextDouble() < faults.throttleRate();
    }

    synchronized Optional<RecordFailure> recordFailure() {
        if (failNext > 0) {
            failNext--;
            return Optional.of(failure());
        }
        if (faults.recordFailureRate() > 0 && random.nextDouble() < faults.recordFailureRate()) {
            return Optional.of(failure());
        }
        return Optional.empty();
    }

    synchronized void failNextRecords(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        failNext = count;
    }

    private RecordFailure failure() {
        switch (faults.errorCode()) {
            case INTERNAL_FAILURE:
                return INTERNAL_FAILURE;
            case MIXED:
                return random.nextBoolean() ? SERVICE_UNAVAILABLE : INTERNAL_FAILURE;
            default:
                return SERVICE_UNAVAILABLE;
        }
    }
}
