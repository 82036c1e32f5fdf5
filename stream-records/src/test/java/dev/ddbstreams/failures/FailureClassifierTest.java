package dev.ddbstreams.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.failures.Failure.Kind;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.limits.LimitViolationException;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The exceptions are built as the SDK builds them from DynamoDB's error responses (status, code, message). */
class FailureClassifierTest {

    @Test
    void classify_whenValidationException_isPermanentWithDynamoDbsMessage() {
        Failure failure = FailureClassifier.classify(serviceError(DynamoDbException.builder(), 400, "ValidationException",
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).startsWith("ValidationException: One or more parameter values were invalid");
    }

    @Test
    void classify_whenItemCollectionTooLarge_isPermanent() {
        assertThat(FailureClassifier.classify(serviceError(ItemCollectionSizeLimitExceededException.builder(), 400,
                "ItemCollectionSizeLimitExceededException", "Collection size exceeded")).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void classify_whenThrottledOrServerError_isTransient() {
        assertThat(FailureClassifier.classify(serviceError(ProvisionedThroughputExceededException.builder(), 400,
                "ProvisionedThroughputExceededException", "Rate exceeded")).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(serviceError(DynamoDbException.builder(), 400, "ThrottlingException",
                "Rate of requests exceeds the allowed throughput")).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(serviceError(DynamoDbException.builder(), 500, "InternalServerError",
                "Internal server error")).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classify_whenTimeoutOrConnectionError_isTransient() {
        assertThat(FailureClassifier.classify(ApiCallTimeoutException.create(1_000)).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection refused"))).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classify_whenTheDeploymentIsWrong_isTransientSoTheRecordsAreNotQuarantined() {
        assertThat(FailureClassifier.classify(serviceError(ResourceNotFoundException.builder(), 400,
                "ResourceNotFoundException", "Requested resource not found")).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(serviceError(DynamoDbException.builder(), 400, "AccessDeniedException",
                "not authorized")).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classify_whenTransactionCancelledForValidation_isPermanent() {
        Failure failure = FailureClassifier.classify(cancelled(
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ValidationError").message("Size of hashkey has exceeded the maximum size limit of 2048 bytes").build()));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("transaction cancelled: [None, ValidationError (Size of hashkey has exceeded"
                + " the maximum size limit of 2048 bytes)]");
    }

    @Test
    void classify_whenTransactionCancelledForConflictOrThrottling_isTransient() {
        assertThat(FailureClassifier.classify(cancelled(CancellationReason.builder().code("TransactionConflict").build()))
                .kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(cancelled(CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ThrottlingError").build())).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void classify_whenALimitIsBrokenBeforeTheWrite_isPermanentAndKeepsTheViolation() {
        LimitViolation violation = DynamoDbLimits.forTable("region", "improvement")
                .checkItem(Map.of("region", AttributeValue.fromS("SOUTH"), "improvement", AttributeValue.fromS("x".repeat(1_500))))
                .orElseThrow();

        Failure failure = FailureClassifier.classify(new IllegalStateException("window write", new LimitViolationException(violation)));

        assertThat(failure).isEqualTo(Failure.permanent(violation));
        assertThat(failure.reason()).isEqualTo("improvement is 1,500 bytes; a sort key is at most 1,024 bytes");
    }

    @Test
    void classify_whenTheRecordDoesNotParse_isPermanent() {
        RuntimeException parseError = catchRuntimeException(() -> ChangeRecords.fromLambda(new DynamodbEvent.DynamodbStreamRecord()));
        assertThat(parseError).isInstanceOf(ChangeRecordException.class);

        assertThat(FailureClassifier.classify(parseError).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(FailureClassifier.classify(new NumberFormatException("For input string: \"12x\"")).kind())
                .isEqualTo(Kind.PERMANENT);
        assertThat(FailureClassifier.classify(new UncheckedIOException(new MalformedInputException(1))).kind())
                .isEqualTo(Kind.PERMANENT);
    }

    @Test
    void classify_whenSomethingElse_isTransient() {
        Failure failure = FailureClassifier.classify(new IllegalStateException("peer region unreachable"));

        assertThat(failure).isEqualTo(Failure.transientFailure("IllegalStateException: peer region unreachable"));
        assertThat(failure.isPermanent()).isFalse();
    }

    private static TransactionCanceledException cancelled(CancellationReason... reasons) {
        return (TransactionCanceledException) TransactionCanceledException.builder().cancellationReasons(reasons)
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .errorMessage("Transaction cancelled, please refer cancellation reasons for specific reasons").build())
                .build();
    }

    private static DynamoDbException serviceError(DynamoDbException.Builder builder, int status, String code, String message) {
        return (DynamoDbException) builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
