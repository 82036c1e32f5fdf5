package dev.ddbstreams.cli;


/** A command that does something (not a group): picocli gives it its spec, for its writers and errors. */
abstract class WorkshopCommand extends WorkshopCommand {
}
