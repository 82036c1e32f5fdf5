package dev.ddbstreams.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class LambdaClientsTest {

    @Test
    void build_whenNoRegionAsked_usesTheFunctionsAwsRegion() throws Exception {
        try (DynamoDbClient client = FunctionEnvironment.callWith(Map.of("AWS_REGION", "eu-west-1"),
                () -> LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder))) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    @Test
    void build_whenRegionAsked_usesItOverAwsRegion() throws Exception {
        try (DynamoDbClient client = FunctionEnvironment.callWith(Map.of("AWS_REGION", "eu-west-1"),
                () -> LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder, Region.US_WEST_2))) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
        }
    }

    @Test
    void httpClient_withoutAFactoryInTheJar_isTheUrlConnectionClient() {
        try (SdkHttpClient http = LambdaClients.httpClient()) {
            assertThat(http.clientName()).isEqualTo("UrlConnection");
        }
    }

    @Test
    void build_whenAwsRegionMissing_failsNamingTheVariable() throws Exception {
        assertThatThrownBy(() -> FunctionEnvironment.callWith(Map.of(),
                () -> LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder)))
                .hasMessageContaining("AWS_REGION");
    }
}
