package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Multi-leader replication, one per region (multi-leader/region.yaml): sends the changes this
 * region's applications made to the same table in the peer regions, last writer wins.
 *
 * <p>Failure mode: see {@link MultiLeaderWriter}. It needs {@code FunctionResponseTypes:
 * [ReportBatchItemFailures]} and, so that it is not even invoked for replicated changes, the
 * FilterCriteria of region.yaml. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 *
 * <p>Environment: TABLE_NAME (the table, with the same name in every region); PEER_REGIONS (the
 * other regions, comma-separated; region.yaml gives each function one); QUARANTINE_BUCKET, where
 * records a peer refuses for good are kept, under {@code <QUARANTINE_PREFIX>/<peer region>/}
 * (QUARANTINE_PREFIX: the template's logical id, default {@code MultiLeaderFunction}); AWS_REGION
 * (this region, set by Lambda).
 */
public final class MultiLeaderHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final MultiLeaderWriter writer;

    public MultiLeaderHandler() {
        this(FunctionEnvironment.require("PEER_REGIONS"), S3Quarantine.ofFunction());
    }

    private MultiLeaderHandler(String peerRegions, S3Quarantine quarantine) {
        this(new MultiLeaderWriter(FunctionEnvironment.require("AWS_REGION"),
                peerTables(FunctionEnvironment.require("TABLE_NAME"), peerRegions),
                peer -> Quarantine.s3(quarantine, quarantineFolder(
                        FunctionEnvironment.get("QUARANTINE_PREFIX").orElse(QUARANTINE_PREFIX), peer))));
    }

    MultiLeaderHandler(MultiLeaderWriter writer) {
        this.writer = writer;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return writer.apply(event.getRecords() == null ? List.of() : event.getRecords());
    }

    /** The folder of the quarantine bucket, unless QUARANTINE_PREFIX names another (region.yaml: the logical id). */
    static final String QUARANTINE_PREFIX = "MultiLeaderFunction";

    /** {@code <prefix>/<peer region>}: one folder per peer, so two peers' refusals of one record never share a key. */
    static String quarantineFolder(String prefix, String peerRegion) {
        return prefix + "/" + peerRegion;
    }

    /** One table per peer region, each with a client built once for that region. */
    static List<PeerTable> peerTables(String tableName, String peerRegions) {
        List<String> regions = Arrays.stream(peerRegions.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        if (regions.isEmpty() || regions.size() != regions.stream().distinct().count()) {
            throw new IllegalStateException("PEER_REGIONS must name one or more distinct regions, was '" + peerRegions
                    + "'");
        }
        return regions.stream().<PeerTable>map(region -> new DynamoDbPeerTable(region,
                LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder, Region.of(region)), tableName)).toList();
    }
}
