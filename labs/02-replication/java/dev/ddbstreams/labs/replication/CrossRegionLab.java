package dev.ddbstreams.labs.replication;

import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.localcloud.LocalCloud;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lab 02, cross-region: the same replica, one way from us-east-1 to us-west-2, on two DynamoDB
 * Locals. Loads and deletes as {@link ReplicationLab} does, in the east, and checks the replica in
 * the west the same way.
 */
public final class CrossRegionLab extends Lab {

    static final Region SOURCE = Region.US_EAST_1;
    static final Region TARGET = Region.US_WEST_2;

    private final List<String> deleted = new ArrayList<>();

    public CrossRegionLab() {
        super(new About("cross-region",
                "one-way replica in another region: logfile (us-east-1) -> logfile_replica (us-west-2) (replication/cross-region/)",
                "replication/cross-region/source.yaml"));
    }

    @Override
    public List<Region> additionalRegions() {
        return List.of(TARGET);
    }

    /** The target first, as on AWS: the source's function writes into it. */
    @Override
    public List<LocalCloud.Deployment> deploy(LocalCloud cloud, String stackName) {
        return List.of(
                cloud.deploy(Path.of("replication/cross-region/target.yaml"), stackName + "-target", Map.of(), TARGET),
                cloud.deploy(Path.of(template()), stackName + "-source", Map.of("TargetRegion", TARGET.id()), SOURCE));
    }

    @Override
    public long exercise(LocalCloud cloud, LabOutput out) throws Exception {
        deleted.clear();
        out.say("In %s:", SOURCE);
        return ReplicationLab.loadAndDelete(cloud.dynamoDb(SOURCE).dynamoDbClient(), out, deleted);
    }

    @Override
    public void check(LocalCloud cloud, LabOutput out) {
        DynamoDbClient source = cloud.dynamoDb(SOURCE).dynamoDbClient();
        DynamoDbClient target = cloud.dynamoDb(TARGET).dynamoDbClient();
        ReplicationLab.checkReplica(source, target, deleted, out);
        out.check(!source.listTables().tableNames().contains("logfile_replica")
                        && !target.listTables().tableNames().contains("logfile"),
                "logfile is in " + SOURCE + " only, logfile_replica in " + TARGET + " only",
                SOURCE + ": " + source.listTables().tableNames() + ", " + TARGET + ": " + target.listTables().tableNames());
    }
}
