package dev.ddbstreams.localcloud.iam;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which function's execution role the current thread's AWS calls run as: set by the local
 * function around its handler, absent everywhere else (tests, the trigger's own pollers, the CLI),
 * whose calls are not checked.
 *
 * @param functionName the function, for the assumed-role session name in AWS's message
 */
public record InvocationIdentity(String functionName, FunctionPermissions permissions) {

    private static final ThreadLocal<InvocationIdentity> CURRENT = new ThreadLocal<>();
    /** The functions whose credentials {@link #issueCredentials()} gave out, by access key id. */
    private static final Map<String, InvocationIdentity> BY_ACCESS_KEY = new ConcurrentHashMap<>();

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

    /**
     * Credentials of the function's own, as Lambda sets its role's session in the function's
     * environment. A request signed with them that no SDK interceptor sees (the quarantine's
     * PutObject, sent without an S3 client) is checked against the role by the service that gets
     * it ({@link #ofAccessKey}).
     *
     * @return {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}
     */
    public Map<String, String> issueCredentials() {
        String accessKeyId = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toUpperCase(Locale.ROOT);
        BY_ACCESS_KEY.put(accessKeyId, this);
        return Map.of("AWS_ACCESS_KEY_ID", accessKeyId, "AWS_SECRET_ACCESS_KEY", "local", "AWS_SESSION_TOKEN", "local");
    }

    /** The function a request signed with this access key id comes from, if {@link #issueCredentials()} issued it. */
    public static Optional<InvocationIdentity> ofAccessKey(String accessKeyId) {
        return Optional.ofNullable(BY_ACCESS_KEY.get(accessKeyId));
    }

    /** IAM's message when the role does not allow {@code permission}; empty when it does (or is not checked). */
    public Optional<String> denial(RequiredPermission permission) {
        FunctionPermissions.Decision decision = permissions.decide(permission);
        return decision == FunctionPermissions.Decision.ALLOWED ? Optional.empty()
                : Optional.of(AccessDenied.message(this, permission, decision));
    }

    /** What AWS names the caller in its messages: the role session Lambda assumes for the function. */
    public String callerArn() {
        return "arn:aws:sts::" + permissions.accountId() + ":assumed-role/" + permissions.roleName() + "/"
                + functionName;
    }
}
