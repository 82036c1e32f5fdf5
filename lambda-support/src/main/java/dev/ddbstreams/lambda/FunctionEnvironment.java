package dev.ddbstreams.lambda;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A function's environment variables: on AWS Lambda, the process environment the template sets.
 *
 * <p>Handlers read their configuration here rather than from {@link System#getenv} because the
 * local cloud runs many functions in one JVM, each with the environment its template gives it,
 * and a JVM cannot change its process environment. A runtime binds a function's variables to the
 * threads that construct and invoke it with {@link #callWith}; everywhere else, including on AWS,
 * this is the process environment. Handlers need no other change and cannot tell the difference.
 */
public final class FunctionEnvironment {

    private static final InheritableThreadLocal<Map<String, String>> BOUND = new InheritableThreadLocal<>();

    private FunctionEnvironment() {
    }

    /** The variable's value, or empty when it is not set. */
    public static Optional<String> get(String name) {
        Map<String, String> bound = BOUND.get();
        return Optional.ofNullable(bound != null ? bound.get(name) : System.getenv(name));
    }

    /**
     * The variable's value.
     *
     * @throws IllegalStateException naming the variable when it is not set or blank, so a
     *     misconfigured function fails at its first start rather than at its first record
     */
    public static String require(String name) {
        return get(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("environment variable " + name
                        + " is not set: the function's template must define it"));
    }

    /**
     * A {@code true}/{@code false} variable, {@code unset} when it is not set.
     *
     * @throws IllegalStateException naming the variable and its value when it is anything else
     */
    public static boolean flag(String name, boolean unset) {
        String value = get(name).map(String::trim).orElse(String.valueOf(unset));
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException(name + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * Runs code with the given variables in place of the process environment, for this thread
     * and the threads it starts. For a local Lambda runtime; handlers never call it.
     */
    public static <T> T callWith(Map<String, String> variables, Callable<T> code) throws Exception {
        Map<String, String> previous = BOUND.get();
        BOUND.set(Map.copyOf(variables));
        try {
            return code.call();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }
}
