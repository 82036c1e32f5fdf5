package dev.ddbstreams.localcloud.template;

import dev.ddbstreams.localcloud.iam.PolicyStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies for Lambda execution roles the local cloud knows, with the statements
 * their pages in the AWS Managed Policy Reference document. Any other managed policy is unknown.
 */
final class ManagedPolicies {

    private static final List<String> LOGS = List.of("logs:CreateLogGroup", "logs:CreateLogStream",
            "logs:PutLogEvents");

    static final List<PolicyStatement> BASIC_EXECUTION = List.of(PolicyStatement.allow(LOGS, List.of("*")));

    private static final Map<String, List<PolicyStatement>> KNOWN = Map.of(
            "AWSLambdaBasicExecutionRole", BASIC_EXECUTION,
            "AWSLambdaDynamoDBExecutionRole", List.of(PolicyStatement.allow(List.of("dynamodb:DescribeStream",
                    "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams", "logs:CreateLogGroup",
                    "logs:CreateLogStream", "logs:PutLogEvents"), List.of("*"))),
            "AWSLambdaKinesisExecutionRole", List.of(PolicyStatement.allow(List.of("kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator",
                    "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard", "logs:CreateLogGroup",
                    "logs:CreateLogStream", "logs:PutLogEvents"), List.of("*"))),
            "AWSLambdaSQSQueueExecutionRole", List.of(PolicyStatement.allow(List.of("sqs:ReceiveMessage",
                    "sqs:DeleteMessage", "sqs:GetQueueAttributes", "logs:CreateLogGroup", "logs:CreateLogStream",
                    "logs:PutLogEvents"), List.of("*"))));

    private ManagedPolicies() {
    }

    /** By name ({@code AWSLambdaBasicExecutionRole}) or ARN ({@code arn:aws:iam::aws:policy/service-role/...}). */
    static Optional<List<PolicyStatement>> named(String nameOrArn) {
        boolean awsManaged = !nameOrArn.startsWith("arn:") || nameOrArn.matches("arn:aws[a-z-]*:iam::aws:policy/.*");
        String name = nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
        return awsManaged ? Optional.ofNullable(KNOWN.get(name)) : Optional.empty();
    }
}
