package dev.ddbstreams.localcloud.iam;

import java.util.List;
import java.util.Optional;

/**
 * What a function's execution role allows, as its template grants it: the role's inline policies
 * and the AWS managed policies the local cloud knows.
 *
 * @param roleName the execution role's name, for AWS's error message
 * @param accountId the account the template's ARNs name, for the ARNs of the resources a request touches
 * @param statements every statement of every policy attached to the role
 * @param notChecked why the function's calls are not checked (a role from outside the template, a
 *     managed policy the local cloud does not know); empty when they are
 */
public record FunctionPermissions(String roleName, String accountId, List<PolicyStatement> statements,
        Optional<String> notChecked) {

    public FunctionPermissions {
        statements = List.copyOf(statements);
    }

    public static FunctionPermissions enforced(String roleName, String accountId, List<PolicyStatement> statements) {
        return new FunctionPermissions(roleName, accountId, statements, Optional.empty());
    }

    public static FunctionPermissions notChecked(String reason) {
        return new FunctionPermissions("", "", List.of(), Optional.of(reason));
    }

    /** IAM's evaluation for one identity: an explicit Deny wins, then any Allow, else an implicit deny. */
    public Decision decide(RequiredPermission permission) {
        if (notChecked.isPresent()) {
            return Decision.ALLOWED;
        }
        boolean allowed = false;
        for (PolicyStatement statement : statements) {
            if (statement.applies(permission.action(), permission.resource())) {
                if (!statement.allow()) {
                    return Decision.EXPLICITLY_DENIED;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOWED : Decision.IMPLICITLY_DENIED;
    }

    public enum Decision {
        ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED
    }
}
