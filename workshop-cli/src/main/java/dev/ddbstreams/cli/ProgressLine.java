package dev.ddbstreams.cli;

import dev.ddbstreams.data.load.LoadProgressListener;
import java.io.PrintWriter;

/**
 * A progress count redrawn in place on a terminal, at most ten times a second. Off a terminal
 * (CI, a pipe) it prints nothing, so logs stay clean.
 */
final class ProgressLine implements LoadProgressListener, AutoCloseable {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter terminal;
    private final String label;
    private long lastDrawn;
    private boolean drawn;

    private ProgressLine(PrintWriter terminal, String label) {
        this.terminal = terminal;
        this.label = label;
    }

    static ProgressLine onConsole(PrintWriter err, String label) {
        return new ProgressLine(System.console() != null ? err : null, label);
    }

    @Override
    public void rowsDone(long rowsDone) {
        long now = System.nanoTime();
        if (terminal == null || (drawn && now - lastDrawn < REDRAW_NANOS)) {
            return;
        }
        terminal.printf("\r%,d %s", rowsDone, label);
        terminal.flush();
        lastDrawn = now;
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            terminal.print("\r\033[K");
            terminal.flush();
        }
    }
}
