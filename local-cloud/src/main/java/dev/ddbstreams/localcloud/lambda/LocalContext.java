package dev.ddbstreams.localcloud.lambda;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Context} of one local invocation: its remaining time counts down from the function's timeout. */
final class LocalContext implements Context {

    private final String requestId;
    private final String functionName;
    private final String functionArn;
    private final int memoryMb;
    private final Instant deadline;
    private final InstantSource clock;
    private final LambdaLogger logger;
    private final ClientContext clientContext;

    LocalContext(String requestId, String functionName, String functionArn, int memoryMb, Instant deadline,
            InstantSource clock, Map<String, String> clientContextCustom) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.memoryMb = memoryMb;
        this.deadline = deadline;
        this.clock = clock;
        this.logger = new Slf4jLambdaLogger(LoggerFactory.getLogger("dev.ddbstreams.lambda." + functionName));
        this.clientContext = clientContextCustom.isEmpty() ? null : new CustomClientContext(Map.copyOf(clientContextCustom));
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + functionName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return clientContext;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline.toEpochMilli() - clock.millis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** A ClientContext with only its {@code custom} map, what {@code aws lambda invoke --client-context} gives a Java handler. */
    private record CustomClientContext(Map<String, String> custom) implements ClientContext {

        @Override
        public Client getClient() {
            return null;
        }

        @Override
        public Map<String, String> getCustom() {
            return custom;
        }

        @Override
        public Map<String, String> getEnvironment() {
            return Map.of();
        }
    }

    /** What a handler writes with {@code context.getLogger()} goes to the local log, tagged with the function. */
    private record Slf4jLambdaLogger(Logger log) implements LambdaLogger {

        @Override
        public void log(String message) {
            log.info(message.strip());
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
            switch (level) {
                case ERROR, FATAL -> log.error(message.strip());
                case WARN -> log.warn(message.strip());
                case DEBUG -> log.debug(message.strip());
                case TRACE -> log.trace(message.strip());
                default -> log.info(message.strip());
            }
        }
    }
}
