package dev.ddbstreams.localcloud.functionurl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local function URL over real HTTP, with a handler that takes the Lambda event class for function URLs. */
class FunctionUrlServerIT {

    private static LocalFunction echo() {
        // A timeout far above the echo's milliseconds: a cold start on a loaded machine must not turn into a 502.
        FunctionDefinition function = new FunctionDefinition("Echo", "echo", EchoHandler.class.getName(), Map.of(),
                Duration.ofSeconds(60), 512, "java21", List.of());
        return new LocalFunction(function, "us-east-1", Map.of(), FunctionFaults.NONE, InstantSource.system());
    }

    @Test
    void start_byDefault_listensOnLoopbackOnly() {
        try (FunctionUrlServer server = FunctionUrlServer.start(echo(), 0)) {
            assertThat(server.boundAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void request_becomesTheFunctionUrlEvent_andTheResponseBecomesHttp() throws Exception {
        try (FunctionUrlServer server = FunctionUrlServer.start(echo(), 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.url().resolve("/votes?name=south")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
            assertThat(response.body()).isEqualTo("GET /votes south");
        }
    }

    @Test
    void localJson_isAnsweredBesideTheFunction_withoutInvokingIt() throws Exception {
        LocalFunction echo = echo();
        try (FunctionUrlServer server = FunctionUrlServer.start(echo, 0)) {
            int[] reads = {0};
            server.serveLocalJson("/local/state", () -> "{\"reads\":" + ++reads[0] + "}");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> local = http.send(HttpRequest.newBuilder(server.url().resolve("/local/state")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.url().resolve("/local/state"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> below = http.send(HttpRequest.newBuilder(server.url().resolve("/local/state/x")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(local.statusCode()).isEqualTo(200);
            assertThat(local.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(local.body()).isEqualTo("{\"reads\":1}");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(below.statusCode()).isEqualTo(404);
            // The function never ran: not even its handler was constructed.
            assertThat(echo.coldStarts()).isZero();
        }
    }
}
