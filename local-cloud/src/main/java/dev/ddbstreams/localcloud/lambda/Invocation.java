package dev.ddbstreams.localcloud.lambda;

import java.time.Duration;
import java.util.Optional;

/**
 * What one synchronous invocation returned, as Lambda's event source mapping sees it: a response
 * payload, or a function error.
 *
 * @param responseJson the handler's return value serialised as Lambda serialises it; empty on error
 * @param errorType for a function error, e.g. the exception's class or {@code Sandbox.Timedout}
 * @param injectedFault which configured fault, if any, shaped this outcome
 */
public record Invocation(String requestId, Status status, Optional<String> responseJson, Optional<String> errorType,
        Optional<String> errorMessage, Duration duration, Optional<String> injectedFault) {

    public enum Status { SUCCESS, FUNCTION_ERROR, TIMEOUT }

    public boolean succeeded() {
        return status == Status.SUCCESS;
    }

    static Invocation success(String requestId, String responseJson, Duration duration, Optional<String> fault) {
        return new Invocation(requestId, Status.SUCCESS, Optional.of(responseJson), Optional.empty(),
                Optional.empty(), duration, fault);
    }

    static Invocation error(String requestId, Status status, String type, String message, Duration duration,
            Optional<String> fault) {
        return new Invocation(requestId, status, Optional.empty(), Optional.of(type), Optional.ofNullable(message),
                duration, fault);
    }
}
