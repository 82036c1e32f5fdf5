package dev.ddbstreams.labs.planted;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * What a plain stream handler with a planted bug sets up once per execution environment, as the
 * worked solutions do: the client of the service it writes to, the resource it writes to (named by
 * an environment variable of the lab's template) and the function's quarantine bucket.
 *
 * @param <C> the client of the service the handler writes to
 */
public abstract class PlantedStreamHandler<C extends SdkClient>
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    protected final C client;
    protected final String target;
    protected final S3Quarantine quarantine;

    protected <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> PlantedStreamHandler(Class<C> type,
            Supplier<B> builder, String targetVariable) {
        client = LambdaClients.build(type, builder);
        target = FunctionEnvironment.require(targetVariable);
        quarantine = S3Quarantine.ofFunction();
    }

    /**
     * The quarantine folder the function's role may write: {@code QUARANTINE_PREFIX} (the
     * template's logical id), as the worked solutions read it; the local cloud denies any other.
     */
    public static String quarantineFolder() {
        return FunctionEnvironment.get("QUARANTINE_PREFIX").orElse("planted");
    }
}
