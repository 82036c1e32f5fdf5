package dev.ddbstreams.localcloud.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server on a free port of a local address, for the local cloud's AWS endpoints
 * (Firehose, Kinesis, S3). Its threads are daemons, so a server never keeps a JVM alive.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        InetSocketAddress address = server.getAddress();
        // Bound to every interface, it is still reached through loopback from here.
        InetAddress reachable = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : address.getAddress();
        String host = reachable.getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /**
     * @param name names the threads and the errors, e.g. "local-s3"
     * @param threads how many requests are answered at once
     */
    public static LoopbackHttpServer start(InetAddress address, String name, int threads, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a port on " + address.getHostAddress() + " for " + name, e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(executor);
        // HttpServer's dispatcher thread takes its daemon flag from the thread that starts the server.
        Thread starter = new Thread(server::start, name + "-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            executor.shutdownNow();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
        return new LoopbackHttpServer(server, executor);
    }

    /** E.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return uri;
    }

    /** The address and port it listens on. */
    public InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
