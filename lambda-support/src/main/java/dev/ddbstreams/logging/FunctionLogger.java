package dev.ddbstreams.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger whose threshold is read on every call: a function's log level is its own, bound per thread. */
final class FunctionLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    FunctionLogger(String name) {
        this.name = name;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= LogLine.threshold(name).toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        LogLine.write(name, level, MessageFormatter.basicArrayFormat(messagePattern, arguments), throwable);
    }
}
