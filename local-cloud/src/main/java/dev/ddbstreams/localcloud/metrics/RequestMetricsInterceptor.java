package dev.ddbstreams.localcloud.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every SDK v2 call of this JVM into {@link RequestMetrics#global()}.
 *
 * <p>Registered globally by the resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} of this jar: the SDK adds
 * it to every client it builds, so handlers running in the local cloud are counted without
 * knowing it. Lambda deployment packages do not contain local-cloud, so nothing is counted (or
 * changed) on AWS.
 *
 * <p>For DynamoDB it also asks for consumed capacity ({@link ConsumedCapacityRequester}). Each
 * HTTP attempt passes {@code beforeTransmission}, so attempts minus calls are the SDK's retries.
 * A call is recorded when it ends, successfully or not, with the final request.
 */
public final class RequestMetricsInterceptor implements ExecutionInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestMetricsInterceptor.class);

    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
            new ExecutionAttribute<>("dev.ddbstreams.localcloud.metrics.Attempts");

    private static final String DYNAMODB = "DynamoDb";

    private static final Map<String, CallDescriber> DESCRIBERS = Map.of(
            DYNAMODB, new DynamoDbCallDescriber(),
            "DynamoDbStreams", new DynamoDbStreamsCallDescriber(),
            "Firehose", new RecordStreamCallDescriber(),
            "Kinesis", new RecordStreamCallDescriber());

    private final RequestMetrics metrics;

    /** What the SDK calls: records into {@link RequestMetrics#global()}. */
    public RequestMetricsInterceptor() {
        this(RequestMetrics.global());
    }

    public RequestMetricsInterceptor(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!DYNAMODB.equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return context.request();
        }
        return ConsumedCapacityRequester.withConsumedCapacity(context.request());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts(attributes).incrementAndGet();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, context.request(), Optional.of(context.response()), Optional.empty());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, context.request(), Optional.empty(), Optional.of(errorCodeOf(context.exception())));
    }

    private void record(ExecutionAttributes attributes, SdkRequest request, Optional<SdkResponse> response,
            Optional<String> errorCode) {
        String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        String operation = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        List<ResourceUsage> resources;
        try {
            CallDescriber describer = DESCRIBERS.get(service);
            resources = describer == null ? List.of() : describer.describe(operation, request, response);
        } catch (RuntimeException e) {
            // Counting must never fail the caller's request: count the call without its details.
            LOG.warn("cannot read the details of {} {}; counted without them", service, operation, e);
            resources = List.of();
        }
        if (resources.isEmpty()) {
            resources = List.of(ResourceUsage.of(""));
        }
        metrics.record(new RecordedCall(service, operation, attempts(attributes).get(), errorCode, resources));
    }

    private static AtomicInteger attempts(ExecutionAttributes attributes) {
        AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
        // Absent only if another interceptor's beforeExecution failed before ours ran.
        return attempts == null ? new AtomicInteger() : attempts;
    }

    /** The service's error code (ResourceNotFoundException), else the exception's class name. */
    static String errorCodeOf(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        if (failure instanceof SdkServiceException service) {
            return "HTTP " + service.statusCode();
        }
        return failure.getClass().getSimpleName();
    }
}
