package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command's arguments; grading itself is VotesExerciseIT's (labs), and lab 01's README runs it. */
class CheckCommandTest {

    @Test
    void help_namesTheLabsWithAnExercise_andTheScenarios() {
        CommandRun run = CommandRun.of("check", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("01-vote-aggregation", "02-replication", "03-archive", "04-game-scores", "--reference", "--seed", "crash-after-commit");
    }

    @Test
    void check_aLabWithoutAnExercise_namesTheLabsThatHaveOne() {
        CommandRun run = CommandRun.of("check", "votes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no exercise for lab 'votes'; labs with an exercise: 01-vote-aggregation, 02-replication, 03-archive, 04-game-scores");
    }

    @Test
    void check_anUnknownScenario_namesTheScenarios() {
        CommandRun run = CommandRun.of("check", "01-vote-aggregation", "--scenario", "slow");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(
                "no scenario 'slow'; scenarios: quiet, retries, duplicates, crash-after-commit, all-together, poison");
    }
}
