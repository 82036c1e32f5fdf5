package dev.ddbstreams.localcloud.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Calls a handler as the Lambda Java runtime does: the event JSON is deserialised into the
 * handler's input type with the runtime's own serialisation library (its event serialisers for
 * Lambda event classes, its Jackson set-up for other types), and the return value is serialised
 * back to JSON, which is all the event source mapping ever sees.
 */
final class HandlerAdapter {

    private final Object handler;
    private final PojoSerializer<Object> input;

    private HandlerAdapter(Object handler, PojoSerializer<Object> input) {
        this.handler = handler;
        this.input = input;
    }

    /**
     * Loads the class and constructs it with its public no-argument constructor, as Lambda does
     * once per execution environment.
     *
     * @throws IllegalArgumentException when the class cannot be a Lambda handler
     */
    static HandlerAdapter construct(String className, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className, true, loader);
        if (!RequestHandler.class.isAssignableFrom(type) && !RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("handler " + className
                    + " implements neither RequestHandler nor RequestStreamHandler");
        }
        Constructor<?> constructor = type.getConstructor();
        Object handler = constructor.newInstance();
        PojoSerializer<Object> input = handler instanceof RequestHandler<?, ?>
                ? serializerFor(inputType(type), loader)
                : null;
        return new HandlerAdapter(handler, input);
    }

    /** Invokes the handler; whatever it throws is the function error. */
    @SuppressWarnings("unchecked")
    String invoke(String eventJson, Context context) throws IOException {
        if (handler instanceof RequestStreamHandler streamHandler) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            streamHandler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out,
                    context);
            return out.toString(StandardCharsets.UTF_8);
        }
        Object event = input.fromJson(eventJson);
        Object result = ((RequestHandler<Object, Object>) handler).handleRequest(event, context);
        if (result == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializerFor(result.getClass(), handler.getClass().getClassLoader()).toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Type inputType(Class<?> handlerType) {
        for (Class<?> c = handlerType; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments()[0];
                }
            }
        }
        throw new IllegalArgumentException("cannot tell the input type of handler " + handlerType.getName()
                + ": implement RequestHandler<I, O> with concrete types");
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> cls && LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(cls, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
