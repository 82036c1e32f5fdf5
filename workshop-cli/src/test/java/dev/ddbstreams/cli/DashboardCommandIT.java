package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardCommandIT {

    @Test
    void dashboard_withVotesAndDuration_servesCastsAndStops() {
        CommandRun run = CommandRun.of("dashboard", "--port", "0", "--votes", "10", "--rate", "50",
                "--duration", "3", "--template", DashboardFixture.TEMPLATE.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("Dashboard: http://localhost:\\d+/")
                .containsPattern("Exact vs naive counts, with the triggers' state: http://localhost:\\d+/compare")
                .contains("Casting 10 random votes into votes", "10 votes cast.");
    }

    @Test
    void dashboard_whenTemplateMissing_failsNamingIt() {
        CommandRun run = CommandRun.of("dashboard", "--port", "0", "--template", "no/such/template.yaml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("template not found: no/such/template.yaml");
    }
}
