package dev.ddbstreams.localcloud.firehose;

import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

/**
 * Builds the exceptions the SDK would raise for Firehose's error responses: the same classes,
 * status codes, error codes and messages, so a caller's catch blocks behave as against AWS.
 */
final class ServiceErrors {

    /** The account id in ARNs and messages: the local cloud has no accounts. */
    static final String ACCOUNT_ID = "000000000000";
    static final String SLOW_DOWN = "Slow down.";
    static final String INTERNAL_FAILURE_CODE = "InternalFailure";
    static final String INTERNAL_FAILURE_MESSAGE = "Internal service failure.";
    static final String SERVICE_UNAVAILABLE_CODE = "ServiceUnavailableException";

    private ServiceErrors() {
    }

    static InvalidArgumentException invalidArgument(String message) {
        return InvalidArgumentException.builder().message(message).statusCode(400).requestId(requestId())
                .awsErrorDetails(details("InvalidArgumentException", message)).build();
    }

    static ResourceNotFoundException deliveryStreamNotFound(String deliveryStreamName) {
        String message = "Firehose " + deliveryStreamName + " under account " + ACCOUNT_ID + " not found.";
        return ResourceNotFoundException.builder().message(message).statusCode(400).requestId(requestId())
                .awsErrorDetails(details("ResourceNotFoundException", message)).build();
    }

    /** What Firehose throws when it throttles a call. */
    static ServiceUnavailableException slowDown() {
        return ServiceUnavailableException.builder().message(SLOW_DOWN).statusCode(503).requestId(requestId())
                .awsErrorDetails(details(SERVICE_UNAVAILABLE_CODE, SLOW_DOWN)).build();
    }

    /** An error code the model has no class for surfaces as the service's base exception. */
    static FirehoseException internalFailure() {
        return (FirehoseException) FirehoseException.builder().message(INTERNAL_FAILURE_MESSAGE).statusCode(500)
                .requestId(requestId()).awsErrorDetails(details(INTERNAL_FAILURE_CODE, INTERNAL_FAILURE_MESSAGE)).build();
    }

    /** An operation the local Firehose does not emulate; the SDK surfaces it as {@link FirehoseException}. */
    static FirehoseException unknownOperation(String operation, List<String> supported) {
        String message = operation + " is not supported by the local Firehose; it answers " + String.join(", ", supported);
        return (FirehoseException) FirehoseException.builder().message(message).statusCode(400).requestId(requestId())
                .awsErrorDetails(details("UnknownOperationException", message)).build();
    }

    private static AwsErrorDetails details(String errorCode, String message) {
        return AwsErrorDetails.builder().errorCode(errorCode).errorMessage(message)
                .serviceName(FirehoseClient.SERVICE_NAME).build();
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }
}
