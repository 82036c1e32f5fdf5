package dev.ddbstreams.cli;

import dev.ddbstreams.aggregation.DashboardVoteItem;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.functionurl.FunctionUrlServer;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard as {@code ./workshop dashboard} runs it, in this JVM: a local cloud with the
 * aggregation template deployed (the exact counter running) and {@link FunctionUrlServer} in front
 * of its DashboardFunction.
 */
record DashboardFixture(LocalCloud cloud, FunctionUrlServer server, String votesTable) implements AutoCloseable {

    static final Path TEMPLATE = Path.of("../aggregation/template.yaml");

    static DashboardFixture start(Path workFolder) {
        LocalCloud cloud = LocalCloud.builder().workFolder(workFolder).start();
        LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, ServeCommand.stackName(TEMPLATE), Map.of());
        FunctionDefinition definition = deployment.template().function(DashboardCommand.urlFunction(TEMPLATE)).orElseThrow();
        LocalFunction function = new LocalFunction(definition, cloud.dynamoDb().region().id(), Map.of(),
                FunctionFaults.NONE, InstantSource.system());
        return new DashboardFixture(cloud, FunctionUrlServer.start(function, 0), definition.environment().get("VOTES_TABLE"));
    }

    URI url() {
        return server.url();
    }

    DynamoDbClient dynamoDb() {
        return cloud.dynamoDb().dynamoDbClient();
    }

    /** Writes a vote cast now, as a voting client would. */
    void castVote(String id, String region, String improvement) {
        dynamoDb().putItem(b -> b.tableName(votesTable).item(DashboardVoteItem.of(id, region, improvement, Instant.now())));
    }

    @Override
    public void close() {
        server.close();
        cloud.close();
    }
}
