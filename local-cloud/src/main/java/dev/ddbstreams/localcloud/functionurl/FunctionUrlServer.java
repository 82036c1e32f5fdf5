package dev.ddbstreams.localcloud.functionurl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ddbstreams.localcloud.lambda.Invocation;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for a Lambda function URL: an HTTP server (on the loopback interface unless
 * told otherwise: it has no authentication, as a function URL with auth type NONE) that turns
 * each request into the event a function URL sends (payload format 2.0), invokes the function as
 * the local cloud runs it (the template's handler and environment), and turns its response back
 * into HTTP, as a function URL does: a response with a {@code statusCode} gives status, headers,
 * cookies and body; any other response is a 200 JSON body; a function error is a 502.
 *
 * <p>Besides the function, {@link #serveLocalJson} can answer a path the local cloud itself knows
 * (a trigger's state, which on AWS lives in CloudWatch metrics, not in any function's reach).
 *
 * <p>Not emulated: the 6 MB payload limit, response streaming, IAM auth, CORS settings.
 * See https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 */
public final class FunctionUrlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final LocalFunction function;
    private final HttpServer server;
    private final ExecutorService threads;
    private final String urlId = UUID.randomUUID().toString().replace("-", "");

    private FunctionUrlServer(LocalFunction function, HttpServer server, ExecutorService threads) {
        this.function = function;
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving the function on {@code localhost:port}; it closes the function when it closes. */
    public static FunctionUrlServer start(LocalFunction function, int port) {
        return start(function, InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Starts serving the function on the given address and port; any address but loopback opens
     * the function to the network.
     *
     * @param port 0 for a free one
     * @throws UncheckedIOException when the port is taken or the address is not this machine's
     */
    public static FunctionUrlServer start(LocalFunction function, InetAddress bindAddress, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + function.name() + " on " + bindAddress.getHostAddress()
                    + " port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "function-url-http");
            thread.setDaemon(true);
            return thread;
        });
        FunctionUrlServer functionUrl = new FunctionUrlServer(function, server, threads);
        server.createContext("/", functionUrl::handle);
        server.setExecutor(threads);
        server.start();
        return functionUrl;
    }

    /** Where a browser on this machine reaches it. */
    public URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    /** The address and port it listens on. */
    public InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    /**
     * Answers {@code GET path} with the JSON {@code body} gives at the time, without invoking the
     * function: a local addition beside the function URL, which a page served by the function can
     * fetch from its own origin (its Content-Security-Policy allows {@code connect-src 'self'}).
     */
    public void serveLocalJson(String path, Supplier<String> body) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getRawPath().equals(path)) {
                    send(exchange, 404, Map.of("Content-Type", "text/plain; charset=utf-8"), List.of(),
                            "Not found".getBytes(StandardCharsets.UTF_8));
                } else if (!"GET".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, Map.of("Allow", "GET"), List.of(), new byte[0]);
                } else {
                    send(exchange, 200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                            List.of(), body.get().getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        function.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Invocation invocation = function.invoke(JSON.writeValueAsString(event(exchange)));
            if (!invocation.succeeded()) {
                LOG.warn("{} {}: function {} failed: {}: {}", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), function.name(), invocation.errorType().orElse("?"),
                        invocation.errorMessage().orElse(""));
                send(exchange, 502, Map.of("Content-Type", "application/json"), List.of(),
                        "{\"Message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, invocation.responseJson().orElse("null"));
        }
    }

    /** The request as a function URL's event: headers lower case, repeated ones joined with commas. */
    private ObjectNode event(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Instant now = Instant.now();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        ObjectNode headers = event.putObject("headers");
        ArrayNode cookies = JSON.createArrayNode();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> List.of(v.split(";\\s*")).forEach(cookies::add));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            event.set("cookies", cookies);
        }
        if (uri.getRawQuery() != null) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                JsonNode previous = query.get(name);
                query.put(name, previous == null ? value : previous.asText() + "," + value);
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous");
        context.put("apiId", urlId);
        context.put("domainName", exchange.getRequestHeaders().getFirst("Host"));
        context.put("domainPrefix", urlId);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length > 0) {
            // A function URL base64-encodes bodies it does not know to be text; always doing so is allowed.
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static void respond(HttpExchange exchange, String responseJson) throws IOException {
        JsonNode response = JSON.readTree(responseJson);
        if (response == null || !response.isObject() || !response.has("statusCode")) {
            send(exchange, 200, Map.of("Content-Type", "application/json"), List.of(),
                    responseJson.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.put(header.getKey(), header.getValue().asText());
        }
        List<String> cookies = JSON.convertValue(response.path("cookies"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        String text = response.path("body").isNull() || response.path("body").isMissingNode() ? ""
                : response.path("body").asText();
        byte[] body = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.path("statusCode").asInt(200), headers, cookies == null ? List.of() : cookies, body);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, List<String> cookies,
            byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        cookies.forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
