package dev.ddbstreams.localcloud.template;

import dev.ddbstreams.localcloud.iam.FunctionPermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} (or {@code AWS::Lambda::Function}) with the stream
 * triggers that invoke it.
 *
 * @param handler as in the template: {@code com.example.Handler} or {@code com.example.Handler::handleRequest}
 * @param environment the function's environment variables, intrinsics resolved
 * @param timeout the function timeout (Lambda's default is 3 seconds)
 * @param memoryMb memory size (default 128)
 * @param runtime e.g. {@code java21}
 * @param triggers stream event sources: SAM {@code Events} of type DynamoDB or Kinesis, and
 *     {@code AWS::Lambda::EventSourceMapping} resources naming this function
 * @param permissions what its execution role allows, enforced on the handler's AWS calls
 */
public record FunctionDefinition(String logicalId, String functionName, String handler,
        Map<String, String> environment, Duration timeout, int memoryMb, String runtime,
        List<StreamTriggerDefinition> triggers, FunctionPermissions permissions) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
        triggers = List.copyOf(triggers);
    }

    /** A function built in code, without a template: it has no role to check its calls against. */
    public FunctionDefinition(String logicalId, String functionName, String handler, Map<String, String> environment,
            Duration timeout, int memoryMb, String runtime, List<StreamTriggerDefinition> triggers) {
        this(logicalId, functionName, handler, environment, timeout, memoryMb, runtime, triggers,
                FunctionPermissions.notChecked("built in code, not read from a template"));
    }

    /** The same function running another handler: an exercise graded in place of the template's own. */
    public FunctionDefinition withHandler(String otherHandler) {
        return new FunctionDefinition(logicalId, functionName, otherHandler, environment, timeout, memoryMb, runtime,
                triggers, permissions);
    }

    /** The handler class name, without a {@code ::method} suffix. */
    public String handlerClassName() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }
}
