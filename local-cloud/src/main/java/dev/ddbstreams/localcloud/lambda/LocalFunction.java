package dev.ddbstreams.localcloud.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.localcloud.iam.InvocationIdentity;
import dev.ddbstreams.logging.FunctionLogProvider;
import dev.ddbstreams.localcloud.metrics.InvocationMetrics;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A function as the local cloud runs it: the handler class the template names, constructed once
 * per execution environment with the template's environment variables, invoked synchronously
 * with a deadline of the function's timeout.
 *
 * <p>An execution environment is one handler instance and its thread. Invocations of one
 * {@code LocalFunction} never overlap (Lambda never invokes one environment concurrently); a
 * trigger that needs concurrency uses one {@code LocalFunction} per lane. After a timeout the
 * environment is thrown away, as Lambda does, and the next invocation starts a fresh one (a
 * cold start: the handler's constructor runs again).
 */
public final class LocalFunction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);
    private static final ObjectMapper EVENTS = new ObjectMapper();

    private final FunctionDefinition definition;
    private final Map<String, String> environment;
    private final String functionArn;
    private final InstantSource clock;
    private final FunctionFaults faults;
    private final SplittableRandom draws;
    private final AtomicInteger coldStarts = new AtomicInteger();
    private ExecutionEnvironment current;
    private final Set<String> struckRecords = new HashSet<>();
    private final List<String> failDuringStrikes = new ArrayList<>();

    /**
     * @param runtimeEnvironment variables Lambda itself sets (AWS_REGION and the like), added to
     *     the template's; the template's win where both name a variable
     */
    public LocalFunction(FunctionDefinition definition, String region, Map<String, String> runtimeEnvironment,
            FunctionFaults faults, InstantSource clock) {
        this.definition = definition;
        Map<String, String> variables = new HashMap<>(runtimeEnvironment);
        variables.put("AWS_REGION", region);
        variables.put("AWS_DEFAULT_REGION", region);
        variables.put("AWS_LAMBDA_FUNCTION_NAME", definition.functionName());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(definition.memoryMb()));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.putAll(new InvocationIdentity(definition.functionName(), definition.permissions()).issueCredentials());
        variables.putAll(definition.environment());
        this.environment = Map.copyOf(variables);
        this.functionArn = "arn:aws:lambda:" + region + ":123456789012:function:" + definition.functionName();
        this.clock = clock;
        this.faults = faults;
        this.draws = faults.random();
    }

    public FunctionDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.functionName();
    }

    public String arn() {
        return functionArn;
    }

    /** How many execution environments were started (cold starts). */
    public int coldStarts() {
        return coldStarts.get();
    }

    /**
     * The write each {@code fail-during} strike came right after ({@code PutItem}, {@code S3 PutObject
     * bucket/key}, ...), in order; not those that struck as the handler returned.
     */
    public synchronized List<String> failDuringStrikes() {
        return List.copyOf(failDuringStrikes);
    }

    /** Whether the trigger should deliver the batch it just delivered once more. */
    public synchronized boolean drawDuplicateDelivery() {
        return faults.duplicate() > 0 && draws.nextDouble() < faults.duplicate();
    }

    /** The event's records' ids; none for an event without records (or one that is not JSON). */
    private static List<String> eventIds(String eventJson) {
        try {
            List<String> ids = new ArrayList<>();
            EVENTS.readTree(eventJson).path("Records").forEach(record -> ids.add(record.path("eventID").asText()));
            return ids;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** Invokes the function with the event JSON and waits for the outcome, at most the function's timeout. */
    public Invocation invoke(String eventJson) {
        return invoke(eventJson, Map.of());
    }

    /**
     * Invokes the function as a synchronous Invoke with a ClientContext does: the handler's
     * {@code context.getClientContext().getCustom()} is {@code clientContextCustom} (no ClientContext when empty).
     */
    public synchronized Invocation invoke(String eventJson, Map<String, String> clientContextCustom) {
        Invocation invocation = invokeOnce(eventJson, clientContextCustom);
        // What Lambda would bill: every invocation, failed ones included, for its duration.
        InvocationMetrics.global().record(name(), definition.memoryMb(), invocation.duration());
        return invocation;
    }

    private Invocation invokeOnce(String eventJson, Map<String, String> clientContextCustom) {
        String requestId = UUID.randomUUID().toString();
        Instant start = clock.instant();
        Duration timeout = definition.timeout();
        boolean failBefore = draw(faults.failBefore());
        // Drawn only when asked for, so the other faults' draws stay as they were without it; and only
        // for a batch none of whose records was in a batch it struck, so each record is struck once at
        // most (a retry or a bisected half gets through) and a handler that repeats a write on a retry
        // is caught however the changes were batched.
        List<String> records = faults.failDuring() > 0 && !failBefore ? eventIds(eventJson) : List.of();
        Optional<FailDuring.Countdown> failDuring = !records.isEmpty()
                && records.stream().noneMatch(struckRecords::contains) && draw(faults.failDuring())
                ? Optional.of(new FailDuring.Countdown(1 + draws.nextInt(FunctionFaults.WRITES_BEFORE_FAILING)))
                : Optional.empty();
        failDuring.ifPresent(struck -> struckRecords.addAll(records));
        boolean failAfter = !failBefore && failDuring.isEmpty() && draw(faults.failAfter());
        boolean slow = !failBefore && failDuring.isEmpty() && !failAfter && draw(faults.slow());
        if (failBefore) {
            return Invocation.error(requestId, Invocation.Status.FUNCTION_ERROR, "InjectedFault",
                    "injected fault: the invocation failed before the handler ran", Duration.ZERO,
                    Optional.of("fail"));
        }
        Future<String> result;
        try {
            if (current == null) {
                current = new ExecutionEnvironment();
            }
            LocalContext context = new LocalContext(requestId, name(), functionArn, definition.memoryMb(),
                    start.plus(timeout), clock, clientContextCustom);
            result = current.invoke(eventJson, context, failDuring);
        } catch (RuntimeException e) {
            return Invocation.error(requestId, Invocation.Status.FUNCTION_ERROR, e.getClass().getName(),
                    e.getMessage(), elapsedSince(start), Optional.empty());
        }
        try {
            String response;
            try {
                response = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (failDuring.isEmpty()) {
                    throw e;
                }
                response = "";
            }
            if (failDuring.isPresent()) {
                // As after a timeout or an out-of-memory: the environment does not survive.
                discardEnvironment();
                failDuring.get().struckAfter().ifPresent(failDuringStrikes::add);
                return Invocation.error(requestId, Invocation.Status.FUNCTION_ERROR, "InjectedFault",
                        failDuring.get().message(), elapsedSince(start), Optional.of("fail-during"));
            }
            if (slow) {
                throw new TimeoutException("injected");
            }
            if (failAfter) {
                return Invocation.error(requestId, Invocation.Status.FUNCTION_ERROR, "InjectedFault",
                        "injected fault: the handler finished and its writes committed, then the invocation failed",
                        elapsedSince(start), Optional.of("fail-after"));
            }
            return Invocation.success(requestId, response, elapsedSince(start), Optional.empty());
        } catch (TimeoutException e) {
            discardEnvironment();
            return Invocation.error(requestId, Invocation.Status.TIMEOUT, "Sandbox.Timedout",
                    "Task timed out after " + timeout.toMillis() / 1000.0 + " seconds", timeout,
                    slow ? Optional.of("slow") : Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.debug("function {} request {} failed", name(), requestId, cause);
            return Invocation.error(requestId, Invocation.Status.FUNCTION_ERROR, cause.getClass().getName(),
                    cause.getMessage(), elapsedSince(start), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardEnvironment();
            return Invocation.error(requestId, Invocation.Status.FUNCTION_ERROR, "Interrupted",
                    "the local cloud is stopping", elapsedSince(start), Optional.empty());
        }
    }

    @Override
    public synchronized void close() {
        discardEnvironment();
    }

    private void discardEnvironment() {
        if (current != null) {
            current.thread.shutdownNow();
            current = null;
        }
    }

    /**
     * One handler instance and the one thread that constructs and invokes it. A timed-out
     * environment is dropped whole, so a handler still running late cannot touch its successor.
     */
    private final class ExecutionEnvironment {

        private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, FunctionLogs.THREAD_PREFIX + name());
            t.setDaemon(true);
            return t;
        });
        private HandlerAdapter handler;

        Future<String> invoke(String eventJson, LocalContext context, Optional<FailDuring.Countdown> failDuring) {
            // The handler's AWS calls, its constructor's included, run as the function's execution role.
            InvocationIdentity identity = new InvocationIdentity(name(), definition.permissions());
            return thread.submit(() -> identity.callAs(() -> FunctionEnvironment.callWith(environment, () -> {
                if (handler == null) {
                    handler = HandlerAdapter.construct(definition.handlerClassName(),
                            Thread.currentThread().getContextClassLoader());
                    coldStarts.incrementAndGet();
                }
                // Armed for the SDK calls of this thread and for requests signed with the function's access key.
                failDuring.ifPresent(countdown -> FailDuring.arm(countdown, environment.get("AWS_ACCESS_KEY_ID")));
                try (MDC.MDCCloseable requestId = MDC.putCloseable(FunctionLogProvider.REQUEST_ID,
                        context.getAwsRequestId())) {
                    return handler.invoke(eventJson, context);
                } finally {
                    FailDuring.disarm(environment.get("AWS_ACCESS_KEY_ID"));
                }
            })));
        }
    }

    private boolean draw(double probability) {
        return probability > 0 && draws.nextDouble() < probability;
    }

    private Duration elapsedSince(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
