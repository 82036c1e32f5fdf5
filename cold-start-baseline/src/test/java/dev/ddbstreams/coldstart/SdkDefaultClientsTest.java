package dev.ddbstreams.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.lambda.LambdaClients;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** This module's META-INF/services entry is on the test class path, as it is in the baseline jars. */
class SdkDefaultClientsTest {

    @Test
    void lambdaClients_whenTheServiceEntryIsPresent_buildsTheDefaultWayOnFirstUse() {
        DynamoDbClient client = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);

        // SdkDefaultClients' lazy proxy (nothing built yet), not the url-connection client LambdaClients builds itself.
        assertThat(Proxy.isProxyClass(client.getClass())).isTrue();
    }

    @Test
    void httpClient_whenTheServiceEntryIsPresent_isTheApacheClientBuiltOnFirstUse() {
        SdkHttpClient http = LambdaClients.httpClient();

        assertThat(Proxy.isProxyClass(http.getClass())).isTrue();
        assertThat(http.clientName()).isEqualTo("Apache");
    }
}
