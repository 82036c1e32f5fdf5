package dev.ddbstreams.localcloud.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A port nothing listens on just now, for servers that must be told their port before they bind
 * (DynamoDB Local, ElasticMQ). Another process may take it in between: the caller's bind says so.
 */
public final class FreePort {

    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
