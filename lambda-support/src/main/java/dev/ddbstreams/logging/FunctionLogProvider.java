package dev.ddbstreams.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The workshop's one SLF4J backend, in the Lambda jars and on the local cloud alike: inside a
 * function it writes Lambda's JSON log lines (with the invocation's request id), anywhere else a
 * plain line on standard error. See {@link LogLine}.
 */
public final class FunctionLogProvider implements SLF4JServiceProvider {

    /**
     * The MDC key of the invocation's request id, as Lambda's log4j2 appender names it: a runtime
     * that is not Lambda's (the local cloud) puts it there for the length of an invocation.
     */
    public static final String REQUEST_ID = "AWSRequestId";

    private final Map<String, FunctionLogger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory loggerFactory = name -> loggers.computeIfAbsent(name, FunctionLogger::new);
    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }
}
