package dev.ddbstreams.localcloud.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stand-in for CloudWatch Logs: what a function writes to standard output or error
 * (its log lines, its EMF metric lines) goes to {@code <folder>/<function>.log} instead of the
 * console, so a lab's output stays readable and the logs can still be read.
 *
 * <p>Standard output and error are JVM-wide, so routing is by thread: the local runtime runs each
 * function on threads named {@code lambda-<function name>}; every other thread writes to the
 * console as before.
 */
public final class FunctionLogs {

    static final String THREAD_PREFIX = "lambda-";

    private static final Map<String, Path> FOLDERS = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    private FunctionLogs() {
    }

    /** Sends the output of the named function's threads to a log file in the folder. */
    public static synchronized void route(String functionName, Path folder) {
        if (!installed) {
            System.setOut(new PrintStream(new Router(System.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Router(System.err), true, StandardCharsets.UTF_8));
            installed = true;
        }
        FOLDERS.put(functionName, folder);
    }

    /** The file a function's output goes to. */
    public static Path file(Path folder, String functionName) {
        return folder.resolve(functionName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
    }

    private static final class Router extends OutputStream {
        private final PrintStream console;

        Router(PrintStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            String thread = Thread.currentThread().getName();
            if (thread.startsWith(THREAD_PREFIX)) {
                String function = thread.substring(THREAD_PREFIX.length());
                Path folder = FOLDERS.get(function);
                if (folder != null) {
                    append(file(folder, function), bytes, offset, length);
                    return;
                }
            }
            console.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            console.flush();
        }

        private static synchronized void append(Path file, byte[] bytes, int offset, int length) {
            try {
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    out.write(bytes, offset, length);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the function log " + file, e);
            }
        }
    }
}
