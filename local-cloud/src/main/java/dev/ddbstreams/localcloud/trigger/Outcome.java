package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** What one invocation meant for its batch, read from the function's response. */
sealed interface Outcome {

    /** The outcome in words, for the trigger's status. */
    String why();

    /**
     * Every record succeeded.
     *
     * @param windowState the state returned for a tumbling window, else empty
     */
    record Succeeded(Optional<ObjectNode> windowState, String why) implements Outcome {
    }

    /**
     * A partial batch response: the records before {@code firstFailed} succeeded, the rest are
     * delivered again (0: none succeeded).
     */
    record PartlyFailed(int firstFailed, String why) implements Outcome {
    }

    /**
     * The whole batch failed.
     *
     * @param functionError a function error, a timeout excepted, or a response Lambda cannot use
     */
    record Failed(boolean functionError, String why) implements Outcome {
    }
}
