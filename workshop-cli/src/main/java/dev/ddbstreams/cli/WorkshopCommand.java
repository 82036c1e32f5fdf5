package dev.ddbstreams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that does something (not a group): picocli gives it its spec, for its writers and errors. */
abstract class WorkshopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
}
