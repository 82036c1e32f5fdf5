package dev.ddbstreams.localcloud.routing;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * Sends each DynamoDB and DynamoDB Streams request to the DynamoDB Local of its client's region,
 * as AWS's regional endpoints would: {@code aws.endpointUrl} names one instance only, and a
 * handler that builds a client with {@code .region(US_WEST_2)} must not know it runs locally.
 *
 * <p>Registered globally by the resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, like the metrics
 * interceptor. It changes nothing unless {@link RegionEndpoints} holds a table, nor a request
 * for a region without an entry, nor one headed anywhere but a registered instance (a client
 * pointed at some other endpoint on purpose keeps it).
 */
public final class RegionRouter implements ExecutionInterceptor {

    private static final Set<String> SERVICES = Set.of("DynamoDb", "DynamoDbStreams");

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        Map<Region, URI> table = RegionEndpoints.current();
        if (table.isEmpty() || !SERVICES.contains(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return request;
        }
        // The client's region: what picks the regional endpoint on AWS, and the signing region for DynamoDB.
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        URI target = region == null ? null : table.get(region);
        if (target == null || !headedToOneOf(request, table)) {
            return request;
        }
        // The service's own endpoint interceptor runs after this one and sets the request's host
        // from the resolved endpoint again, so that is what must change (the request too, for safety).
        Endpoint resolved = attributes.getAttribute(SdkInternalExecutionAttribute.RESOLVED_ENDPOINT);
        if (resolved != null) {
            attributes.putAttribute(SdkInternalExecutionAttribute.RESOLVED_ENDPOINT,
                    resolved.toBuilder().url(moved(resolved.url(), target)).build());
        }
        return request.toBuilder().protocol(target.getScheme()).host(target.getHost()).port(target.getPort()).build();
    }

    private static URI moved(URI url, URI target) {
        return URI.create(target.getScheme() + "://" + target.getHost() + ":" + target.getPort()
                + (url.getRawPath() == null ? "" : url.getRawPath()));
    }

    private static boolean headedToOneOf(SdkHttpRequest request, Map<Region, URI> table) {
        return table.values().stream().anyMatch(endpoint -> endpoint.getHost().equalsIgnoreCase(request.host())
                && endpoint.getPort() == request.port());
    }
}
