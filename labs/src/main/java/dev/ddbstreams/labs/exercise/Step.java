package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.localcloud.LocalCloud;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One step of a scenario: what it writes to the pattern's source, and, once the trigger drained,
 * how the result is judged against a recount of the source.
 *
 * @param what what the step did, read after "after": {@code 12 votes moved or edited}
 */
public record Step(String what, Consumer<LocalCloud> write, Function<LocalCloud, Verdict> check) {
}
