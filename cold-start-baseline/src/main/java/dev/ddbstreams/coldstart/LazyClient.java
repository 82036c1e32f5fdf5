package dev.ddbstreams.coldstart;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * BASELINE for {@code ./workshop bench cold-start} only, never deployed: a client built on its
 * first call, as handlers that create their client inside {@code handleRequest} do. The first
 * batch then pays for building it.
 */
public final class LazyClient {

    private LazyClient() {
    }

    public static <T> T of(Class<T> type, Supplier<T> factory) {
        Object[] built = new Object[1];
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            synchronized (built) {
                if (built[0] == null) {
                    built[0] = factory.get();
                }
            }
            try {
                return method.invoke(built[0], args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
