package dev.ddbstreams.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;


/** The {@code ./workshop} command. */
@Command(name = "workshop",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = "DynamoDB Streams workshop 1.0.0-SNAPSHOT",
        description = "Runs the DynamoDB Streams workshop's labs, data and benchmarks.",
        subcommands = {RunCommand.class, ServeCommand.class, TriggersCommand.class, RedriveCommand.class, DashboardCommand.class,
            LoadCommand.class, BenchCommand.class, GenerateDataCommand.class, DocsCommand.class, BasicsCommand.class,
            QueryCommand.class, CheckCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class Workshop extends CommandGroup {

    @Override
    String subcommandNoun() {
        return "command";
    }

    public static void main(String[] args) {
        int exitCode = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
        // DynamoDB Local leaves non-daemon threads behind, so the JVM must be told to end.
        System.exit(exitCode);
    }

    /** The command line with the workshop's error handling; tests call it with their own writers. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        UserErrorHandler errors = new UserErrorHandler();
        return new CommandLine(new Workshop())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
