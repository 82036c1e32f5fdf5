package dev.ddbstreams.localcloud.metrics;

import java.util.List;
import java.util.Optional;

/**
 * One finished SDK call, as the interceptor saw it.
 *
 * @param service the SDK's service name ({@code DynamoDb}, {@code Firehose}, ...)
 * @param operation the operation ({@code PutItem}, ...)
 * @param attempts HTTP attempts, retries included; 0 if the call failed before sending anything
 * @param errorCode the error code of a failed call; empty for a successful one
 * @param resources what the call did per resource; never empty
 */
public record RecordedCall(String service, String operation, int attempts, Optional<String> errorCode,
        List<ResourceUsage> resources) {

    public RecordedCall {
        resources = List.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a call touches at least one (possibly unnamed) resource");
        }
    }

    public boolean failed() {
        return errorCode.isPresent();
    }
}
