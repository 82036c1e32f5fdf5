package dev.ddbstreams.logging;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.ddbstreams.lambda.FunctionEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Where one log event goes, and in which shape:
 * <ul>
 *   <li>in a function on AWS Lambda: to the runtime's {@link LambdaRuntime#getLogger() logger},
 *       which writes Lambda's JSON log format (timestamp, level, message and the request id) when
 *       the function's {@code LoggingConfig} says {@code LogFormat: JSON}, as the templates do;</li>
 *   <li>in a function on the local cloud: the same JSON object, one a line, on standard output,
 *       which the local runtime keeps in the function's log file, with the request id the runtime
 *       puts in the {@link MDC} under {@value FunctionLogProvider#REQUEST_ID};</li>
 *   <li>anywhere else (the workshop's commands, tests): {@code [thread] LEVEL logger - message} on
 *       standard error.</li>
 * </ul>
 * A function's level is its {@code AWS_LAMBDA_LOG_LEVEL} (the {@code ApplicationLogLevel} of its
 * {@code LoggingConfig}); without one, the workshop's own code logs from INFO (its data loader
 * from WARN) and libraries from WARN.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-logging.html">Log and monitor Java Lambda functions</a>
 */
final class LogLine {

    private LogLine() {
    }

    static Level threshold(String loggerName) {
        Optional<String> functionLevel = FunctionEnvironment.get("AWS_LAMBDA_LOG_LEVEL");
        if (functionLevel.isPresent()) {
            String level = functionLevel.get().trim().toUpperCase(Locale.ROOT);
            return level.equals("FATAL") ? Level.ERROR : Level.valueOf(level);
        }
        if (loggerName.startsWith("dev.ddbstreams.data")) {
            return Level.WARN;
        }
        return loggerName.startsWith("dev.ddbstreams") ? Level.INFO : Level.WARN;
    }

    static void write(String loggerName, Level level, String message, Throwable throwable) {
        String text = throwable == null ? message : message + System.lineSeparator() + stackTrace(throwable);
        if (System.getenv("AWS_LAMBDA_RUNTIME_API") != null) {
            LambdaRuntime.getLogger().log(text, LogLevel.valueOf(level.name()));
        } else if (FunctionEnvironment.get("AWS_LAMBDA_FUNCTION_NAME").isPresent()) {
            System.out.println(json(Instant.now(), level, text, MDC.get(FunctionLogProvider.REQUEST_ID)));
        } else {
            System.err.println("[" + Thread.currentThread().getName() + "] " + level + " " + loggerName + " - " + text);
        }
    }

    /** Lambda's JSON application log line: {@code requestId} is left out when there is none. */
    static String json(Instant timestamp, Level level, String message, String requestId) {
        StringBuilder line = new StringBuilder("{\"timestamp\":\"").append(timestamp)
                .append("\",\"level\":\"").append(level)
                .append("\",\"message\":\"").append(JsonStringEncoder.getInstance().quoteAsString(message)).append('"');
        if (requestId != null) {
            line.append(",\"").append(FunctionLogProvider.REQUEST_ID).append("\":\"")
                    .append(JsonStringEncoder.getInstance().quoteAsString(requestId)).append('"');
        }
        return line.append('}').toString();
    }

    private static String stackTrace(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return trace.toString().stripTrailing();
    }
}
