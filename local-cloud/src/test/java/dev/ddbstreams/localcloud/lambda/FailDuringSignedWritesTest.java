package dev.ddbstreams.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writes a local service counts for {@code fail-during}: those signed with an armed function's access key. */
class FailDuringSignedWritesTest {

    private static final String ACCESS_KEY = "ASIAFAILDURINGTEST";

    @AfterEach
    void disarm() {
        FailDuring.disarm(ACCESS_KEY);
    }

    @Test
    void wrote_atTheKthSignedWrite_strikes_andLaterSignedWritesAreRefused() {
        FailDuring.Countdown countdown = new FailDuring.Countdown(2);
        FailDuring.arm(countdown, ACCESS_KEY);

        FailDuring.wrote(ACCESS_KEY, "S3 PutObject quarantine/f/1.json");
        assertThat(FailDuring.refusal(ACCESS_KEY)).isEmpty();
        FailDuring.wrote(ACCESS_KEY, "S3 PutObject quarantine/f/2.json");

        assertThat(countdown.struckAfter()).contains("S3 PutObject quarantine/f/2.json");
        assertThat(FailDuring.refusal(ACCESS_KEY)).hasValueSatisfying(message -> assertThat(message)
                .contains("right after the handler's write call 2 (S3 PutObject quarantine/f/2.json)"));
    }

    @Test
    void wrote_withAnotherKey_orOnceDisarmed_countsNothing() {
        FailDuring.Countdown countdown = new FailDuring.Countdown(1);
        FailDuring.arm(countdown, ACCESS_KEY);

        FailDuring.wrote("ASIAANOTHERFUNCTION", "S3 PutObject quarantine/f/1.json");
        assertThat(countdown.struckAfter()).isEmpty();

        FailDuring.disarm(ACCESS_KEY);
        FailDuring.wrote(ACCESS_KEY, "S3 PutObject quarantine/f/1.json");
        assertThat(countdown.struckAfter()).isEmpty();
        assertThat(FailDuring.refusal(ACCESS_KEY)).isEmpty();
    }
}
