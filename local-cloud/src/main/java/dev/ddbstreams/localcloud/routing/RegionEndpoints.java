package dev.ddbstreams.localcloud.routing;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * Which DynamoDB Local stands for which region, for {@link RegionRouter}. JVM-wide, like the SDK
 * properties {@code LocalCloud} sets: the SDK builds the router itself, so it cannot be handed
 * the table. {@code LocalCloud} fills it when it runs several regions and clears it on close.
 */
public final class RegionEndpoints {

    // Replaced whole, never changed in place: readers on SDK threads see one table or the other.
    private static volatile Map<Region, URI> endpoints = Map.of();

    private RegionEndpoints() {
    }

    /** Routes each region's DynamoDB and DynamoDB Streams requests to its endpoint, replacing any earlier table. */
    public static void register(Map<Region, URI> table) {
        endpoints = Map.copyOf(table);
    }

    /** Routes nothing any more. */
    public static void clear() {
        endpoints = Map.of();
    }

    /** The registered table; empty when nothing is routed. */
    public static Map<Region, URI> current() {
        return endpoints;
    }
}
