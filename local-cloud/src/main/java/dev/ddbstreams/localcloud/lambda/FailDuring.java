package dev.ddbstreams.localcloud.lambda;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The {@code fail-during} fault: an invocation dies right after the handler's k-th write call
 * went out, as a function that times out or runs out of memory mid-batch does; the writes before
 * stay, the rest never happen. {@link LocalFunction} arms it on the handler's thread for one
 * invocation; this interceptor, registered for every SDK v2 client of the JVM (the resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}), counts that thread's
 * successful writes and, at the k-th, stops the handler with {@link Struck}, an {@link Error} so a
 * handler's {@code catch (RuntimeException e)} cannot swallow it. Any call the thread still makes
 * afterwards fails the same way; calls of other threads are never touched.
 *
 * <p>A write no SDK client makes (the quarantine's PutObject, one signed HTTP request) is counted
 * by the local service that gets it, which knows the function by the access key it signed with
 * ({@link #refusal}, {@link #wrote}): at the k-th the write stays and the fault strikes, so the
 * handler's next call fails, any signed write it still sends is refused, and the invocation fails
 * as it returns. So a crash right after a quarantine write happens locally as it can on AWS.
 */
public final class FailDuring implements ExecutionInterceptor {

    /** What the SDK calls "write" here: calls that change a table, a stream, a bucket or a queue. */
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "ExecuteStatement", "PutRecord", "PutRecords", "PutRecordBatch", "PutObject",
            "CopyObject", "DeleteObject", "DeleteObjects", "CompleteMultipartUpload", "SendMessage",
            "SendMessageBatch", "Publish");

    private static final ThreadLocal<Countdown> ARMED = new ThreadLocal<>();
    /** The same countdowns, by the access key id of the function whose invocation they are armed for. */
    private static final Map<String, Countdown> ARMED_BY_ACCESS_KEY = new ConcurrentHashMap<>();

    /** Thrown on the handler's thread when the fault strikes; {@link LocalFunction} turns it into a function error. */
    public static final class Struck extends Error {

        Struck(String message) {
            super(message, null, false, false);
        }
    }

    /** One invocation's count of writes left before the fault strikes; counted on the handler's thread and by local services. */
    static final class Countdown {

        private final int strikeAt;
        private int writes;
        private String lastWrite = "";
        private volatile boolean struck;

        Countdown(int strikeAt) {
            this.strikeAt = strikeAt;
        }

        /** Counts a write that went out; true if the fault strikes right after it. */
        synchronized boolean count(String write) {
            writes++;
            lastWrite = write;
            if (writes >= strikeAt) {
                struck = true;
            }
            return struck;
        }

        boolean struck() {
            return struck;
        }

        /** The write the fault struck right after, if it struck. */
        synchronized Optional<String> struckAfter() {
            return struck ? Optional.of(lastWrite) : Optional.empty();
        }

        synchronized String message() {
            if (!struck) {
                return "injected fault: the invocation failed as the handler returned, after its " + writes
                        + " write calls (a timeout, out of memory)";
            }
            return "injected fault: the invocation failed right after the handler's write call " + writes + " ("
                    + lastWrite + ") (a timeout, out of memory); the writes before it went out, the rest never happened";
        }
    }

    /** Arms the fault for the current thread, and for requests signed with {@code accessKeyId}, until {@link #disarm}. */
    static void arm(Countdown countdown, String accessKeyId) {
        ARMED.set(countdown);
        ARMED_BY_ACCESS_KEY.put(accessKeyId, countdown);
    }

    static void disarm(String accessKeyId) {
        Countdown countdown = ARMED.get();
        ARMED.remove();
        if (countdown != null) {
            ARMED_BY_ACCESS_KEY.remove(accessKeyId, countdown);
        }
    }

    /**
     * For a local service about to apply a write signed with a function's access key that no SDK
     * interceptor counted: the fault's message if it already struck that function's invocation
     * (the function is dead on AWS: the request would never have been sent), else empty.
     */
    public static Optional<String> refusal(String accessKeyId) {
        Countdown countdown = ARMED_BY_ACCESS_KEY.get(accessKeyId);
        return countdown != null && countdown.struck() ? Optional.of(countdown.message()) : Optional.empty();
    }

    /**
     * For a local service that applied such a write: counts it as one of the invocation's write
     * calls. At the k-th the fault strikes; the write stays, the handler finds out at its next call.
     *
     * @param write what it was, for the fault's message ({@code S3 PutObject bucket/key})
     */
    public static void wrote(String accessKeyId, String write) {
        Countdown countdown = ARMED_BY_ACCESS_KEY.get(accessKeyId);
        if (countdown != null) {
            countdown.count(write);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Countdown countdown = ARMED.get();
        if (countdown != null && countdown.struck()) {
            throw new Struck(countdown.message());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Countdown countdown = ARMED.get();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (countdown != null && WRITES.contains(operation) && countdown.count(operation)) {
            throw new Struck(countdown.message());
        }
    }
}
