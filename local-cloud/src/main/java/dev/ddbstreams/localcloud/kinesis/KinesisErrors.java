package dev.ddbstreams.localcloud.kinesis;

import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * The exceptions the SDK raises for Kinesis's error responses: the same classes, status 400,
 * error codes and messages in AWS's wording, so a caller's catch blocks behave as against AWS.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/CommonErrors.html">Kinesis common errors</a>
 */
final class KinesisErrors {

    static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";

    private KinesisErrors() {
    }

    static InvalidArgumentException invalidArgument(String message) {
        return (InvalidArgumentException) fill(InvalidArgumentException.builder(), "InvalidArgumentException", message);
    }

    /** A constraint of the API model broken (a missing member, a length out of range). */
    static ValidationException validation(String message) {
        return (ValidationException) fill(ValidationException.builder(), "ValidationException", message);
    }

    static ResourceNotFoundException streamNotFound(String streamName, String accountId) {
        return (ResourceNotFoundException) fill(ResourceNotFoundException.builder(), "ResourceNotFoundException",
                "Stream " + streamName + " under account " + accountId + " not found.");
    }

    static ResourceNotFoundException shardNotFound(String shardId, String streamName, String accountId) {
        return (ResourceNotFoundException) fill(ResourceNotFoundException.builder(), "ResourceNotFoundException",
                "Shard " + shardId + " in stream " + streamName + " under account " + accountId + " does not exist");
    }

    static ResourceInUseException streamExists(String streamName, String accountId) {
        return (ResourceInUseException) fill(ResourceInUseException.builder(), "ResourceInUseException",
                "Stream " + streamName + " under account " + accountId + " already exists.");
    }

    static ExpiredIteratorException iteratorExpired(String message) {
        return (ExpiredIteratorException) fill(ExpiredIteratorException.builder(), "ExpiredIteratorException", message);
    }

    static ProvisionedThroughputExceededException throughputExceeded(String message) {
        return (ProvisionedThroughputExceededException) fill(ProvisionedThroughputExceededException.builder(),
                THROUGHPUT_EXCEEDED, message);
    }

    /** An operation the local stream does not answer (over HTTP only; in process the interface default throws). */
    static KinesisException unknownOperation(String operation) {
        return (KinesisException) fill(KinesisException.builder(), "UnknownOperationException", operation
                + " is not supported by the local Kinesis data stream; it answers " + String.join(", ",
                        KinesisEndpoint.OPERATIONS));
    }

    private static AwsServiceException fill(AwsServiceException.Builder builder, String errorCode, String message) {
        return builder.message(message).statusCode(400).requestId(UUID.randomUUID().toString())
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode).errorMessage(message)
                        .serviceName(KinesisClient.SERVICE_NAME).build())
                .build();
    }
}
