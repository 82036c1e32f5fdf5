package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.TemplateNotice;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What template.yaml gives the dashboard function, as the local cloud reads it. */
class DashboardTemplateTest {

    @Test
    void dashboardFunction_whenTemplateRead_namesTheHandlerAndTheThreeTables() {
        FunctionDefinition function = DashboardTables.template().function("DashboardFunction").orElseThrow();

        assertThat(function.handler()).isEqualTo("dev.ddbstreams.aggregation.DashboardHandler::handleRequest");
        assertThat(function.environment()).isEqualTo(Map.of("VOTES_TABLE", "votes", "TOTALS_TABLE", "total_votes",
                "NAIVE_TOTALS_TABLE", "total_votes_naive", "COMPARE_REFRESH_SECONDS", "10",
                "RECOUNT_MAX_ITEMS", "10000"));
        assertThat(function.triggers()).isEmpty();
    }

    @Test
    void dashboardFunction_whenTemplateRead_leavesTheRecountAThirdOfItsTimeout() {
        FunctionDefinition function = DashboardTables.template().function("DashboardFunction").orElseThrow();

        assertThat(function.timeout()).isGreaterThanOrEqualTo(DashboardHandler.CompareLimits.TIME_BUDGET.multipliedBy(3));
    }

    @Test
    void dashboardFunction_whenTemplateRead_reportsItsFunctionUrlAsNoLocalEffect() {
        assertThat(DashboardTables.template().notices(TemplateNotice.Kind.NO_LOCAL_EFFECT))
                .extracting(TemplateNotice::path)
                .contains("DashboardFunction.Properties.FunctionUrlConfig");
        assertThat(DashboardTables.template().notices(TemplateNotice.Kind.NOT_SUPPORTED))
                .extracting(TemplateNotice::path)
                .noneMatch(path -> path.startsWith("DashboardFunction"));
    }
}
