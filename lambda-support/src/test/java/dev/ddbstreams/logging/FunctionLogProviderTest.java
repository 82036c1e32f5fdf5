package dev.ddbstreams.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.lambda.FunctionEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class FunctionLogProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FUNCTION = Map.of("AWS_LAMBDA_FUNCTION_NAME", "votes-counter");

    private final Logger log = LoggerFactory.getLogger("dev.ddbstreams.windows.WindowCommitter");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @BeforeEach
    void captureOutput() {
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(systemOut);
        System.setErr(systemErr);
        MDC.clear();
    }

    @Test
    void slf4j_usesTheWorkshopsBackend() {
        assertThat(log).isInstanceOf(FunctionLogger.class);
    }

    @Test
    void inAFunction_writesOneJsonLineWithTheInvocationsRequestId() throws Exception {
        MDC.put(FunctionLogProvider.REQUEST_ID, "8f5b1d4e-0000-4000-8000-000000000001");

        FunctionEnvironment.callWith(FUNCTION, () -> {
            log.warn("committed {} of {} keys, \"{}\" left", 3, 4, "NORTH\nSOUTH");
            return null;
        });

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines[0]);
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("message").asText()).isEqualTo("committed 3 of 4 keys, \"NORTH\nSOUTH\" left");
        assertThat(line.path("AWSRequestId").asText()).isEqualTo("8f5b1d4e-0000-4000-8000-000000000001");
        assertThat(Instant.parse(line.path("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void inAFunction_keepsAnExceptionsStackTraceInTheMessage() throws Exception {
        FunctionEnvironment.callWith(FUNCTION, () -> {
            log.error("commit failed", new IllegalStateException("transaction cancelled"));
            return null;
        });

        JsonNode line = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(line.path("message").asText())
                .startsWith("commit failed\njava.lang.IllegalStateException: transaction cancelled")
                .contains("at dev.ddbstreams.logging.FunctionLogProviderTest");
        assertThat(line.has("AWSRequestId")).as("no invocation, no request id").isFalse();
    }

    @Test
    void outsideAFunction_writesAPlainLineOnStandardError() {
        log.warn("window {} ended early", "2026-12-05T09:00:00Z");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("[" + Thread.currentThread().getName()
                + "] WARN dev.ddbstreams.windows.WindowCommitter - window 2026-12-05T09:00:00Z ended early\n");
    }

    @Test
    void threshold_isInfoForTheWorkshopAndWarnForLibrariesAndTheLoader() {
        assertThat(LogLine.threshold("dev.ddbstreams.windows.WindowCommitter")).isEqualTo(Level.INFO);
        assertThat(LogLine.threshold("dev.ddbstreams.data.load.CsvLoadRun")).isEqualTo(Level.WARN);
        assertThat(LogLine.threshold("org.eclipse.jetty.server.Server")).isEqualTo(Level.WARN);
    }

    @Test
    void threshold_inAFunction_isItsApplicationLogLevel() throws Exception {
        FunctionEnvironment.callWith(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f", "AWS_LAMBDA_LOG_LEVEL", "ERROR"), () -> {
            log.warn("not written");
            log.error("written");
            return null;
        });
        FunctionEnvironment.callWith(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f", "AWS_LAMBDA_LOG_LEVEL", "DEBUG"), () -> {
            LoggerFactory.getLogger("software.amazon.awssdk.request").debug("written too");
            return null;
        });

        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("not written")
                .contains("\"message\":\"written\"").contains("\"message\":\"written too\"");
    }
}
