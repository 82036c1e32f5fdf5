package dev.ddbstreams.cli.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.ddbstreams.lambda.SnapStartPriming;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child process of {@code ./workshop bench cold-start}: a fresh JVM whose class path is one
 * Lambda jar, the Lambda runtime's event serialisation library and this class, nothing else.
 * It does what Lambda does at a cold start: constructs the handler with its no-argument
 * constructor, deserialises the event JSON into the handler's input type with the runtime's own
 * serialisers, and invokes it once. With {@code --prime} it first runs the SnapStart priming the
 * handler registered, as Lambda does before taking the snapshot, and leaves that time out of the
 * invoke.
 *
 * <p>Prints the handler's answer, {@code response=<its toString>}, then
 * {@code handled-at=<epoch ms> construct-ms=<n> prime-ms=<n> invoke-ms=<n>}.
 * Uses no lambda expressions or nested classes: the bench copies this one class file out.
 */
public final class ColdStartLauncher {

    static final String RESULT_PREFIX = "handled-at=";
    public static final String RESPONSE_PREFIX = "response=";

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ColdStartLauncher <handler class> <event.json> [--prime]");
            System.exit(2);
        }
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        long constructed = System.nanoTime();
        if (args.length > 2 && args[2].equals("--prime")) {
            for (SnapStartPriming priming : SnapStartPriming.registered()) {
                priming.beforeCheckpoint(null);
            }
        }
        long invoking = System.nanoTime();
        Object event = LambdaEventSerializers.serializerFor(inputType(type), type.getClassLoader())
                .fromJson(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> requestHandler = (RequestHandler<Object, Object>) handler;
        Object response = requestHandler.handleRequest(event, context());
        long handledAt = System.currentTimeMillis();
        long invoked = System.nanoTime();
        System.out.println(RESPONSE_PREFIX + response);
        System.out.println(RESULT_PREFIX + handledAt + " construct-ms=" + millis(constructed - start)
                + " prime-ms=" + millis(invoking - constructed) + " invoke-ms=" + millis(invoked - invoking));
        System.out.flush();
        // The SDK's idle-connection reaper and similar non-daemon threads would keep the JVM up.
        System.exit(0);
    }

    private static Class<?> inputType(Class<?> handlerType) {
        for (Method method : handlerType.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()
                    && method.getParameterTypes()[1] == Context.class) {
                return method.getParameterTypes()[0];
            }
        }
        throw new IllegalArgumentException(handlerType.getName() + " has no handleRequest(event, Context)");
    }

    /** A Context whose getters answer what a 1,024 MB function with 60 s left would; others null. */
    private static Context context() {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                ColdStartLauncher::contextValue);
    }

    private static Object contextValue(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "getAwsRequestId":
                return "cold-start-bench";
            case "getRemainingTimeInMillis":
                return 60_000;
            case "getMemoryLimitInMB":
                return 1024;
            case "toString":
                return "cold-start bench context";
            default:
                return null;
        }
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
