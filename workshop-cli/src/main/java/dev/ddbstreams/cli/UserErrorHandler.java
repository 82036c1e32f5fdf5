package dev.ddbstreams.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Prints errors a user can act on as one clear line, and keeps stack traces for real bugs.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult)
            throws Exception {
        if (failure instanceof UserError) {
            command.getErr().println("error: " + failure.getMessage());
            return FAILED;
        }
        if (failure instanceof SdkServiceException service) {
            command.getErr().println("error: the service answered " + service.statusCode() + ": "
                    + service.getMessage());
            return FAILED;
        }
        if (failure instanceof SdkClientException client) {
            command.getErr().println("error: " + client.getMessage());
            return FAILED;
        }
        throw failure;
    }
}
