package dev.ddbstreams.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Prints errors a user can act on as one clear line, with what to do, and keeps stack traces for
 * real bugs.
 */
final class UserErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int FAILED = 1;

    /** The line that gives the SDK credentials for the local cloud (DynamoDB Local takes any). */
    static final String LOCAL_CREDENTIALS =
            "export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1";

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult)
            throws Exception {
        PrintWriter err = command.getErr();
        if (failure instanceof UserError) {
            err.println("error: " + failure.getMessage());
            return FAILED;
        }
        if (failure instanceof SdkServiceException service) {
            err.println("error: the service answered " + service.statusCode() + ": " + service.getMessage());
            return FAILED;
        }
        if (failure instanceof SdkClientException client) {
            // The SDK lists every provider it tried, one long paragraph each: the fix is one line.
            if (String.valueOf(client.getMessage()).startsWith("Unable to load credentials")) {
                err.println("error: no AWS credentials. For the local cloud any will do:");
                err.println("  " + LOCAL_CREDENTIALS);
                return FAILED;
            }
            err.println("error: " + client.getMessage());
            return FAILED;
        }
        throw failure;
    }

    /** A usage error: the message and where help is, not the whole usage. */
    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        command.getErr().println("error: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, command.getErr());
        command.getErr().println("See './" + command.getCommandSpec().qualifiedName(" ") + " --help'.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
