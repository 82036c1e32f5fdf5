package dev.ddbstreams.localcloud.metrics;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** Tells what one call of a service did, per resource. */
interface CallDescriber {

    /**
     * @param response empty when the call failed
     * @return one usage per resource the call touched; empty if it names none
     */
    List<ResourceUsage> describe(String operation, SdkRequest request, Optional<SdkResponse> response);
}
