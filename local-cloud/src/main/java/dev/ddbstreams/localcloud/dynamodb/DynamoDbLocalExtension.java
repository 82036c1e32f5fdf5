package dev.ddbstreams.localcloud.dynamodb;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Starts one DynamoDB Local for a test class and stops it after the class.
 *
 * <p>With {@code @ExtendWith(DynamoDbLocalExtension.class)} test methods and constructors can ask
 * for a {@link DynamoDbClient}, a {@link DynamoDbStreamsClient}, a {@link StreamReader} or the
 * {@link LocalDynamoDb} itself. For two "regions", register two instances on static fields with
 * {@code @RegisterExtension} and use their getters: parameters would be ambiguous.
 * Tables live as long as the class: give each test its own table names.
 */
public final class DynamoDbLocalExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Region region;
    private LocalDynamoDb instance;

    public DynamoDbLocalExtension() {
        this(Region.US_EAST_1);
    }

    public DynamoDbLocalExtension(Region region) {
        this.region = region;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        instance = LocalDynamoDb.start(region);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    public LocalDynamoDb local() {
        if (instance == null) {
            throw new IllegalStateException("DynamoDB Local is not running: register the extension on a static field");
        }
        return instance;
    }

    public DynamoDbClient dynamoDb() {
        return local().dynamoDbClient();
    }

    public DynamoDbStreamsClient streams() {
        return local().streamsClient();
    }

    public StreamReader streamReader() {
        return new StreamReader(dynamoDb(), streams());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DynamoDbClient.class || type == DynamoDbStreamsClient.class
                || type == LocalDynamoDb.class || type == StreamReader.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == DynamoDbClient.class) {
            return dynamoDb();
        }
        if (type == DynamoDbStreamsClient.class) {
            return streams();
        }
        if (type == StreamReader.class) {
            return streamReader();
        }
        return local();
    }
}
