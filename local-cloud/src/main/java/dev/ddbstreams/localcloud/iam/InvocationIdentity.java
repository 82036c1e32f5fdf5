package dev.ddbstreams.localcloud.iam;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Which function's execution role the current thread's AWS calls run as: set by the local
 * function around its handler, absent everywhere else (tests, the trigger's own pollers, the CLI),
 * whose calls are not checked.
 *
 * @param functionName the function, for the assumed-role session name in AWS's message
 */
public record InvocationIdentity(String functionName, FunctionPermissions permissions) {

    private static final ThreadLocal<InvocationIdentity> CURRENT = new ThreadLocal<>();

    public static Optional<InvocationIdentity> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code body} with this identity on the current thread. */
    public <T> T callAs(Callable<T> body) throws Exception {
        InvocationIdentity previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** What AWS names the caller in its messages: the role session Lambda assumes for the function. */
    public String callerArn() {
        return "arn:aws:sts::" + permissions.accountId() + ":assumed-role/" + permissions.roleName() + "/"
                + functionName;
    }
}
