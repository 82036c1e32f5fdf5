package dev.ddbstreams.localcloud.lambda;

import java.util.Set;
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
 */
public final class FailDuring implements ExecutionInterceptor {

    /** What the SDK calls "write" here: calls that change a table, a stream, a bucket or a queue. */
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "ExecuteStatement", "PutRecord", "PutRecords", "PutRecordBatch", "PutObject",
            "CopyObject", "DeleteObject", "DeleteObjects", "CompleteMultipartUpload", "SendMessage",
            "SendMessageBatch", "Publish");

    private static final ThreadLocal<Countdown> ARMED = new ThreadLocal<>();

    /** Thrown on the handler's thread when the fault strikes; {@link LocalFunction} turns it into a function error. */
    public static final class Struck extends Error {

        Struck(String message) {
            super(message, null, false, false);
        }
    }

    /** One invocation's count of writes left before the fault strikes. */
    static final class Countdown {

        private final int strikeAt;
        private int writes;
        private volatile boolean struck;

        Countdown(int strikeAt) {
            this.strikeAt = strikeAt;
        }

        String message() {
            if (!struck) {
                return "injected fault: the invocation failed as the handler returned, after its " + writes
                        + " write calls (a timeout, out of memory)";
            }
            return "injected fault: the invocation failed right after the handler's write call " + writes
                    + " (a timeout, out of memory); the writes before it went out, the rest never happened";
        }
    }

    /** Arms the fault for the current thread until {@link #disarm()}. */
    static void arm(Countdown countdown) {
        ARMED.set(countdown);
    }

    static void disarm() {
        ARMED.remove();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Countdown countdown = ARMED.get();
        if (countdown != null && countdown.struck) {
            throw new Struck(countdown.message());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Countdown countdown = ARMED.get();
        if (countdown == null
                || !WRITES.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return;
        }
        countdown.writes++;
        if (countdown.writes >= countdown.strikeAt) {
            countdown.struck = true;
            throw new Struck(countdown.message());
        }
    }
}
