package dev.ddbstreams.cli.deploy;

import java.nio.file.Path;

/**
 * One broken rule of a template check.
 *
 * @param <R> the check's rules
 */
record Violation<R extends Enum<R>>(Path template, String resource, R rule, String message) {

    @Override
    public String toString() {
        return template + ": " + resource + ": " + rule + ": " + message;
    }
}
