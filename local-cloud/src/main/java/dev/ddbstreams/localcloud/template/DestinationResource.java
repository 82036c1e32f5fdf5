package dev.ddbstreams.localcloud.template;

import java.util.Arrays;
import java.util.Optional;

/**
 * A queue, topic or bucket that can receive a stream trigger's on-failure records: one the
 * template creates, or one named by its ARN.
 *
 * @param logicalId the template's logical id, or empty for a resource named only by its ARN
 * @param name the physical name: the queue, topic or bucket name
 */
public record DestinationResource(Kind kind, Optional<String> logicalId, String name, String arn) {

    public enum Kind {
        SQS_QUEUE("AWS::SQS::Queue", "sqs"),
        SNS_TOPIC("AWS::SNS::Topic", "sns"),
        S3_BUCKET("AWS::S3::Bucket", "s3");

        private final String resourceType;
        private final String arnService;

        Kind(String resourceType, String arnService) {
            this.resourceType = resourceType;
            this.arnService = arnService;
        }

        /** The kind of a CloudFormation resource type, if it is a destination. */
        public static Optional<Kind> ofResourceType(String type) {
            return Arrays.stream(values()).filter(k -> k.resourceType.equals(type)).findFirst();
        }

        static Optional<Kind> ofArnService(String service) {
            return Arrays.stream(values()).filter(k -> k.arnService.equals(service)).findFirst();
        }

        /** A bucket's ARN names neither region nor account. */
        String arn(String region, String accountId, String name) {
            return this == S3_BUCKET ? "arn:aws:s3:::" + name
                    : "arn:aws:" + arnService + ":" + region + ":" + accountId + ":" + name;
        }
    }

    /**
     * A destination by ARN: {@code arn:aws:sqs:REGION:ACCOUNT:NAME}, {@code arn:aws:sns:REGION:ACCOUNT:NAME}
     * or {@code arn:aws:s3:::NAME}; empty for any other text.
     */
    public static Optional<DestinationResource> ofArn(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Kind.ofArnService(parts[2]).map(kind -> new DestinationResource(kind, Optional.empty(), parts[5], arn));
    }

    /** One the template creates. */
    static DestinationResource created(Kind kind, String logicalId, String name, StackSettings stack) {
        return new DestinationResource(kind, Optional.of(logicalId), name, kind.arn(stack.region(), stack.accountId(), name));
    }

    /** How the local cloud names its file or folder: the logical id when the template creates it, else the name. */
    public String localName() {
        return logicalId.orElse(name);
    }
}
