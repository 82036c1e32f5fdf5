package dev.ddbstreams.failures;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ddbstreams.limits.LimitViolationException;
import dev.ddbstreams.records.ChangeRecordException;
import java.nio.charset.CharacterCodingException;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Classifies what a handler caught while processing one record.
 *
 * <p>Permanent, for the record that caused it: a DynamoDB limit broken ({@link LimitViolationException}
 * from a check before the write, or DynamoDB's own {@code ValidationException} and
 * {@code ItemCollectionSizeLimitExceededException}, or a transaction cancelled for
 * {@code ValidationError} or {@code ItemCollectionSizeLimitExceeded}); a record that does not parse
 * ({@link ChangeRecordException}, a number that is not one, JSON that is not JSON, bytes that are
 * not UTF-8). Anything that names the record's content and will say the same on every retry.
 *
 * <p>Transient: throttling ({@code isThrottlingException()}), 5xx, what the SDK itself would retry
 * ({@code SdkException.retryable()}: timeouts, connection errors), and everything else, including
 * access denied or a missing table: those are the deployment's fault, not the record's, and
 * quarantining every record would hide them; retrying keeps them visible (IteratorAge grows).
 * One caveat: a {@code ValidationException} caused by a wrong deployment (a key schema that does
 * not match the code) is classified permanent, so every record goes to the quarantine, where the
 * alarm on quarantined records shows it and a redrive repairs it.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">Error handling with DynamoDB</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">TransactWriteItems: cancellation reasons</a>
 */
public final class FailureClassifier {

    private static final Set<String> PERMANENT_ERROR_CODES = Set.of("ValidationException",
            "ItemCollectionSizeLimitExceededException");
    private static final Set<String> PERMANENT_CANCELLATION_CODES = Set.of("ValidationError",
            "ItemCollectionSizeLimitExceeded");

    private FailureClassifier() {
    }

    public static Failure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitViolationException violation) {
                return Failure.permanent(violation.violation());
            }
            if (cause instanceof SdkException sdk) {
                return classifySdk(sdk);
            }
            if (cause instanceof ChangeRecordException || cause instanceof NumberFormatException
                    || cause instanceof CharacterCodingException || cause instanceof JsonProcessingException) {
                return Failure.permanent(describe(cause));
            }
        }
        return Failure.transientFailure(describe(failure));
    }

    private static Failure classifySdk(SdkException sdk) {
        if (sdk instanceof AwsServiceException service) {
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                return Failure.transientFailure(describe(service));
            }
            if (service instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
                Set<String> codes = cancelled.cancellationReasons().stream().map(CancellationReason::code)
                        .filter(code -> code != null).collect(Collectors.toSet());
                return codes.stream().anyMatch(PERMANENT_CANCELLATION_CODES::contains)
                        ? Failure.permanent("transaction cancelled: " + reasons(cancelled))
                        : Failure.transientFailure("transaction cancelled: " + reasons(cancelled));
            }
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code != null && PERMANENT_ERROR_CODES.contains(code)) {
                return Failure.permanent(describe(service));
            }
        }
        return Failure.transientFailure(describe(sdk));
    }

    private static String reasons(TransactionCanceledException cancelled) {
        return cancelled.cancellationReasons().stream()
                .map(reason -> reason.message() == null ? reason.code() : reason.code() + " (" + reason.message() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
