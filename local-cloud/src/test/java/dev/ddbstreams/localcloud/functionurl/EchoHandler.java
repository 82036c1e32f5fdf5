package dev.ddbstreams.localcloud.functionurl;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** Answers a function URL request with what it saw: method, path and the {@code name} query parameter. */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String name = event.getQueryStringParameters() == null ? "" : event.getQueryStringParameters().get("name");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "text/plain"))
                .withBody(event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath() + " " + name)
                .build();
    }
}
