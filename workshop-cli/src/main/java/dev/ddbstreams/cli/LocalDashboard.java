package dev.ddbstreams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.functionurl.FunctionUrlServer;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * The template's dashboard function (the one it gives a function URL) served on a local function
 * URL, as {@code ./workshop dashboard} runs it, with one local addition beside the function:
 * {@code GET /local/triggers}, the state of the triggers on the dashboard's votes table, as
 * {@code ./workshop triggers} shows it (the same JSON, {@link TriggerStatusFile#triggers}). On AWS
 * that state is in CloudWatch metrics, which the function does not read; the comparison page says so
 * when the path is missing.
 *
 * @param votesTable the table the dashboard function reads the votes from (its VOTES_TABLE)
 */
record LocalDashboard(FunctionUrlServer server, String votesTable) implements AutoCloseable {

    static final String TRIGGERS_PATH = "/local/triggers";
    /** The comparison page of exact and naive totals (the dashboard function's {@code /compare}). */
    static final String COMPARE_PATH = "compare";

    /**
     * The template parameter that says how long {@code /compare} serves one recount. Locally a
     * recount costs nothing, and the lab watches the counters live, so it is read every second.
     */
    static final String COMPARE_REFRESH_PARAMETER = "CompareRefreshSeconds";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parameters to deploy {@code template} with for a local dashboard: a live comparison, where it has one. */
    static Map<String, String> parameters(Path template) {
        return TemplateDocument.load(template).section("Parameters").containsKey(COMPARE_REFRESH_PARAMETER)
                ? Map.of(COMPARE_REFRESH_PARAMETER, "1") : Map.of();
    }

    /**
     * @param port 0 for a free one
     * @throws UncheckedIOException when the port is taken
     */
    static LocalDashboard start(LocalCloud cloud, LocalCloud.Deployment deployment, InetAddress bindAddress,
            int port) {
        String logicalId = DashboardCommand.urlFunction(deployment.template().file());
        FunctionDefinition definition = deployment.template().function(logicalId).orElseThrow();
        LocalFunction function = new LocalFunction(definition, cloud.dynamoDb().region().id(), Map.of(),
                FunctionFaults.NONE, InstantSource.system());
        String votesTable = definition.environment().get("VOTES_TABLE");
        FunctionUrlServer server = FunctionUrlServer.start(function, bindAddress, port);
        server.serveLocalJson(TRIGGERS_PATH, () -> {
            ObjectNode body = JSON.createObjectNode();
            body.set("triggers", TriggerStatusFile.triggers(cloud,
                    trigger -> trigger.settings().sourceName().equals(votesTable)));
            return body.toString();
        });
        return new LocalDashboard(server, votesTable);
    }

    URI url() {
        return server.url();
    }

    URI compareUrl() {
        return server.url().resolve(COMPARE_PATH);
    }

    @Override
    public void close() {
        server.close();
    }
}
