package dev.ddbstreams.localcloud.metrics;

import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Asks DynamoDB for the consumed capacity of every request that can report it.
 *
 * <p>Why it is safe: {@code ReturnConsumedCapacity} only adds a {@code ConsumedCapacity} member
 * to the response; the item results, conditions and costs are the same. It happens locally only,
 * because the interceptor that calls this is registered by the local-cloud jar, which no Lambda
 * deployment package contains. {@code NONE} counts as "not asked" (it is the default); a request
 * that asked for {@code TOTAL} or {@code INDEXES} is left as it is.
 *
 * <p>Found by member name, so every operation that has it is covered (PutItem ... Scan,
 * the batch and transaction operations and PartiQL) without a list to keep up to date.
 */
final class ConsumedCapacityRequester {

    static final String MEMBER = "ReturnConsumedCapacity";

    private ConsumedCapacityRequester() {
    }

    static SdkRequest withConsumedCapacity(SdkRequest request) {
        Optional<SdkField<?>> field = ModelFields.field(request, MEMBER);
        if (field.isEmpty() || asksForCapacity(request)) {
            return request;
        }
        SdkRequest.Builder builder = request.toBuilder();
        field.get().set(builder, ReturnConsumedCapacity.TOTAL.toString());
        return builder.build();
    }

    /** The request asked for TOTAL or INDEXES. */
    static boolean asksForCapacity(SdkRequest request) {
        return ModelFields.string(request, MEMBER)
                .map(ReturnConsumedCapacity::fromValue)
                .filter(value -> value == ReturnConsumedCapacity.TOTAL || value == ReturnConsumedCapacity.INDEXES)
                .isPresent();
    }
}
