package dev.ddbstreams.localcloud.iam;

/** What IAM authorizes for (part of) one request: an action on a resource ARN ({@code *} for none). */
public record RequiredPermission(String action, String resource) {
}
