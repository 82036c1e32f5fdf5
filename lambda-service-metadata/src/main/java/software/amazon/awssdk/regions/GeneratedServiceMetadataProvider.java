package software.amazon.awssdk.regions;

import java.util.Map;
import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.FirehoseServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.StreamsDynamodbServiceMetadata;

/**
 * Replaces the SDK's class of this name in the Lambda jars (ProGuard's input filter drops the SDK's).
 * The SDK's builds the metadata of every AWS service, about 310 classes, the first time any client
 * is built, though a client reads only its own service's (its signing region). This one builds the
 * services the handlers' clients call, with the SDK's own classes, so they behave exactly as before;
 * for any other service the SDK falls back to its {@code DefaultServiceMetadata}. LambdaJarsIT
 * checks that every client in a jar is listed here and signs for the same region as with the SDK's
 * provider, in every region.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    private static final Map<String, ServiceMetadata> SERVICE_METADATA = Map.of(
            "dynamodb", new DynamodbServiceMetadata(),
            "streams.dynamodb", new StreamsDynamodbServiceMetadata(),
            "firehose", new FirehoseServiceMetadata());

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return SERVICE_METADATA.get(endpointPrefix);
    }
}
