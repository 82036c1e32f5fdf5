package dev.ddbstreams.labs.replication;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.load.LoadResult;
import dev.ddbstreams.labs.DataSets;
import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lab 02: same-region replication. Loads the 2,000 requests of {@code data/logfile_stream.csv}
 * into {@code logfile}, deletes every 10th, and checks that {@code logfile_replica} equals the
 * source item for item, that its GSI_1 answers a query by host as the source's does, and that the
 * deletes reached it.
 */
public final class ReplicationLab extends Lab {

    /** The busiest host of the data set (415 requests). */
    static final String HOST = "66.249.67.3";
    static final int DELETE_EVERY = 10;

    private final List<String> deleted = new ArrayList<>();

    public ReplicationLab() {
        super(new About("replication",
                "same-region replica: logfile -> logfile_replica, deletes included (replication/)",
                "replication/template.yaml"));
    }

    @Override
    public long exercise(LocalCloud cloud, LabOutput out) throws Exception {
        deleted.clear();
        return loadAndDelete(cloud.dynamoDb().dynamoDbClient(), out, deleted);
    }

    @Override
    public void check(LocalCloud cloud, LabOutput out) {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        checkReplica(dynamoDb, dynamoDb, deleted, out);
        ReplicaComparison.Differences naive = ReplicaComparison.compare(dynamoDb, "logfile", "logfile_replica_naive");
        out.check(naive.none(), "logfile_replica_naive (one write per record) is equal too, at a higher cost",
                naive.toString());
    }

    /**
     * Loads the log into {@code logfile}, then deletes every 10th request, adding their keys to
     * {@code deleted}; returns the number of changes made to {@code logfile}.
     */
    static long loadAndDelete(DynamoDbClient source, LabOutput out, List<String> deleted) throws IOException {
        LoadResult load = DataSets.load(source, DataSet.LOGFILE);
        out.say("Loaded %d requests from data/%s into logfile (%d BatchWriteItem requests)", load.rowsLoaded(),
                DataSet.LOGFILE.fileName(), load.requestsSent());
        List<String> keys = new ArrayList<>(ReplicaComparison.items(source, "logfile").keySet());
        for (int i = 0; i < keys.size(); i += DELETE_EVERY) {
            String pk = keys.get(i);
            source.deleteItem(b -> b.tableName("logfile").key(Map.of("PK", AttributeValue.fromS(pk))));
            deleted.add(pk);
        }
        out.say("Then deleted every %dth request: %d DeleteItem on logfile", DELETE_EVERY, deleted.size());
        return load.rowsLoaded() + deleted.size();
    }

    /** What both replication labs check: {@code logfile_replica} (through {@code replica}) equals {@code logfile}. */
    static void checkReplica(DynamoDbClient source, DynamoDbClient replica, List<String> deleted, LabOutput out) {
        ReplicaComparison.Differences differences = ReplicaComparison.compare(source, "logfile", replica,
                "logfile_replica");
        out.check(differences.sourceItems() == differences.replicaItems(), "logfile_replica has as many items as logfile",
                differences.replicaItems() + " and " + differences.sourceItems());
        out.check(differences.none(), "every item of logfile_replica equals its source item", differences.toString());
        int sourceCount = ReplicaComparison.countByHost(source, "logfile", HOST);
        int replicaCount = ReplicaComparison.countByHost(replica, "logfile_replica", HOST);
        out.check(replicaCount > 0 && replicaCount == sourceCount, "GSI_1 on logfile_replica answers a query by host",
                "host#" + HOST + ": " + replicaCount + " items, logfile's GSI_1 " + sourceCount);
        Map<String, ?> items = ReplicaComparison.items(replica, "logfile_replica");
        long stillThere = deleted.stream().filter(items::containsKey).count();
        out.check(!deleted.isEmpty() && stillThere == 0, "the deletes reached the replica",
                deleted.size() + " deleted from logfile, " + stillThere + " still on logfile_replica");
    }
}
