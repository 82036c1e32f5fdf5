package dev.ddbstreams.localcloud.awsjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Bodies of the AWS JSON 1.1 protocol that the local services' endpoints speak: a request body
 * is one JSON object (an empty body stands for {@code {}}), an error is
 * {@code {"__type": <code>, "message": ...}}, from which SDKs and the AWS CLI read the error code.
 */
public final class AwsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body that is not JSON, or a member of the wrong type: answered 400 SerializationException. */
    public static final class MalformedRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedRequestException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AwsJson() {
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedRequestException("the request body must be a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("the request body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] write(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    public static ObjectNode error(String errorCode, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", errorCode);
        if (message != null) {
            body.put("message", message);
        }
        return body;
    }
}
