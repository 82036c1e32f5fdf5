package dev.ddbstreams.localcloud.iam;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The exception a denied call raises, as the service's own client would raise it from AWS's
 * response: the service's exception class ({@code DynamoDbException}, {@code S3Exception}, ...),
 * its error code and HTTP status, and IAM's message.
 */
final class AccessDenied {

    private record ErrorShape(String code, int status) {
    }

    /** JSON protocols answer 400 AccessDeniedException; S3, SQS and CloudWatch 403 AccessDenied; SNS 403 AuthorizationError. */
    private static final Map<String, ErrorShape> SHAPES = Map.of(
            "S3", new ErrorShape("AccessDenied", 403),
            "Sqs", new ErrorShape("AccessDenied", 403),
            "CloudWatch", new ErrorShape("AccessDenied", 403),
            "Sns", new ErrorShape("AuthorizationError", 403));
    private static final ErrorShape JSON_PROTOCOL = new ErrorShape("AccessDeniedException", 400);

    /** Services whose exception class is not named after the service. */
    private static final Map<String, String> EXCEPTION_CLASSES = Map.of("DynamoDbStreams", "DynamoDbException");

    private AccessDenied() {
    }

    static String message(InvocationIdentity caller, RequiredPermission permission,
            FunctionPermissions.Decision decision) {
        String reason = decision == FunctionPermissions.Decision.EXPLICITLY_DENIED
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the " + permission.action() + " action";
        return "User: " + caller.callerArn() + " is not authorized to perform: " + permission.action()
                + " on resource: " + permission.resource() + " " + reason;
    }

    static AwsServiceException exception(String service, SdkRequest request, String message) {
        ErrorShape shape = SHAPES.getOrDefault(service, JSON_PROTOCOL);
        AwsServiceException.Builder builder = builderFor(service, request);
        return builder.message(message)
                .statusCode(shape.status())
                .requestId(UUID.randomUUID().toString())
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(shape.code())
                        .errorMessage(message)
                        .serviceName(service)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(shape.status()).build())
                        .build())
                .build();
    }

    /** The service's exception, so that a handler's {@code catch (DynamoDbException e)} sees it as on AWS. */
    private static AwsServiceException.Builder builderFor(String service, SdkRequest request) {
        String className = request.getClass().getPackageName() + "."
                + EXCEPTION_CLASSES.getOrDefault(service, service + "Exception");
        try {
            Class<?> type = Class.forName(className, true, request.getClass().getClassLoader());
            return (AwsServiceException.Builder) type.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return AwsServiceException.builder();
        }
    }
}
