package dev.ddbstreams.cli;

import dev.ddbstreams.aggregation.DashboardVoteItem;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard as {@code ./workshop dashboard} runs it, in this JVM: a local cloud with the
 * aggregation template deployed (both counters running) and {@link LocalDashboard} in front of its
 * DashboardFunction.
 */
record DashboardFixture(LocalCloud cloud, LocalDashboard dashboard) implements AutoCloseable {

    static final Path TEMPLATE = Path.of("../aggregation/template.yaml");

    static DashboardFixture start(Path workFolder) {
        return start(workFolder, Map.of());
    }

    /** @param faults by function logical id (or {@code *}), as {@code --faults} gives them */
    static DashboardFixture start(Path workFolder, Map<String, FunctionFaults> faults) {
        return start(workFolder, faults, Map.of());
    }

    /** @param parameters template parameters beside those {@code ./workshop dashboard} deploys with */
    static DashboardFixture start(Path workFolder, Map<String, FunctionFaults> faults,
            Map<String, String> parameters) {
        LocalCloud.Builder builder = LocalCloud.builder().workFolder(workFolder);
        faults.forEach(builder::faults);
        LocalCloud cloud = builder.start();
        Map<String, String> all = new HashMap<>(LocalDashboard.parameters(TEMPLATE));
        all.putAll(parameters);
        LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, ServeCommand.stackName(TEMPLATE), all);
        return new DashboardFixture(cloud, LocalDashboard.start(cloud, deployment, InetAddress.getLoopbackAddress(), 0));
    }

    URI url() {
        return dashboard.url();
    }

    URI compareUrl() {
        return dashboard.compareUrl();
    }

    DynamoDbClient dynamoDb() {
        return cloud.dynamoDb().dynamoDbClient();
    }

    /** Writes a vote cast now, as a voting client would. */
    void castVote(String id, String region, String improvement) {
        dynamoDb().putItem(b -> b.tableName(dashboard.votesTable())
                .item(DashboardVoteItem.of(id, region, improvement, Instant.now())));
    }

    @Override
    public void close() {
        dashboard.close();
        cloud.close();
    }
}
