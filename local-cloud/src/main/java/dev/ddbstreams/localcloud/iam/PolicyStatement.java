package dev.ddbstreams.localcloud.iam;

import java.util.List;

/**
 * One statement of an identity-based policy, intrinsics already resolved.
 *
 * @param allow {@code Effect: Allow}, else Deny
 * @param actions the Action (or, with {@code notAction}, the NotAction) patterns
 * @param resources the Resource (or, with {@code notResource}, the NotResource) patterns
 * @param conditional whether it has a Condition: conditions are not evaluated, the statement
 *     applies as if they held
 */
public record PolicyStatement(boolean allow, List<String> actions, boolean notAction, List<String> resources,
        boolean notResource, boolean conditional) {

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    public static PolicyStatement allow(List<String> actions, List<String> resources) {
        return new PolicyStatement(true, actions, false, resources, false, false);
    }

    /** Whether this statement speaks about {@code action} on {@code resource}. */
    public boolean applies(String action, String resource) {
        boolean actionListed = actions.stream().anyMatch(pattern -> Wildcards.actionMatches(pattern, action));
        boolean resourceListed = resources.stream().anyMatch(pattern -> Wildcards.resourceMatches(pattern, resource));
        return actionListed != notAction && resourceListed != notResource;
    }
}
