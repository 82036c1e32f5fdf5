package dev.ddbstreams.localcloud.template;

import dev.ddbstreams.localcloud.iam.FunctionPermissions;
import dev.ddbstreams.localcloud.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function's permissions as the template grants them: its {@code Role} when that is a role of
 * the template (inline {@code Policies}, {@code ManagedPolicyArns}, and {@code AWS::IAM::Policy}
 * resources naming it), else the role SAM creates from {@code Policies} (inline documents, SAM
 * policy templates, AWS managed policies) plus AWSLambdaBasicExecutionRole. A role from outside the
 * template, or a managed policy or policy template the local cloud does not know, is reported and
 * the function's calls are not checked: better unchecked than denied by a guess.
 */
final class PermissionsReader {

    private static final String ROLE = "AWS::IAM::Role";
    private static final List<String> POLICY_RESOURCES = List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");

    private final TemplateContext context;

    PermissionsReader(TemplateContext context) {
        this.context = context;
    }

    FunctionPermissions permissions(String logicalId, PropertyReader properties) {
        String accountId = context.settings().accountId();
        List<PolicyStatement> statements = new ArrayList<>();
        Optional<String> unknown;
        String roleName;
        if (properties.has("Role")) {
            String roleArn = properties.requiredString("Role");
            Optional<String> roleId = context.logicalIdOf(roleArn, List.of(ROLE));
            if (roleId.isEmpty()) {
                return notChecked(properties.path("Role"), "role " + roleArn + " is not a role of this template");
            }
            roleName = context.physicalName(roleId.get());
            unknown = roleStatements(roleId.get(), roleName, statements);
        } else {
            // What SAM creates: <Function>Role with the basic execution policy and the function's Policies.
            roleName = context.settings().stackName() + "-" + logicalId + "Role";
            statements.addAll(ManagedPolicies.BASIC_EXECUTION);
            unknown = samPolicies(properties.has("Policies") ? properties.raw("Policies") : List.of(),
                    properties.path("Policies"), statements);
        }
        if (unknown.isPresent()) {
            return notChecked(properties.path(properties.has("Role") ? "Role" : "Policies"), unknown.get());
        }
        return FunctionPermissions.enforced(roleName, accountId, statements);
    }

    private FunctionPermissions notChecked(String path, String why) {
        String reason = why + ": the function's AWS calls are not checked";
        context.notices().add(TemplateNotice.notSupported(path, reason));
        return FunctionPermissions.notChecked(reason);
    }

    /** @return what the local cloud cannot read, if anything */
    private Optional<String> roleStatements(String roleId, String roleName, List<PolicyStatement> statements) {
        String path = roleId + ".Properties";
        Map<?, ?> raw = context.rawProperties(roleId);
        for (Object policy : list(context.resolveValue(raw.get("Policies"), path + ".Policies"))) {
            if (policy instanceof Map<?, ?> named) {
                statements.addAll(PolicyDocuments.statements(named.get("PolicyDocument")));
            }
        }
        for (Object arn : list(context.resolveValue(raw.get("ManagedPolicyArns"), path + ".ManagedPolicyArns"))) {
            Optional<List<PolicyStatement>> known = ManagedPolicies.named(String.valueOf(arn));
            if (known.isEmpty()) {
                return Optional.of("AWS managed policy " + arn + " of " + roleId + " is not one the local cloud knows");
            }
            statements.addAll(known.get());
        }
        for (String policyType : POLICY_RESOURCES) {
            for (String policyId : context.createdOfType(policyType)) {
                Map<?, ?> policy = context.rawProperties(policyId);
                List<Object> roles = list(context.resolveValue(policy.get("Roles"), policyId + ".Properties.Roles"));
                if (roles.contains(roleName)) {
                    statements.addAll(PolicyDocuments.statements(
                            context.resolveValue(policy.get("PolicyDocument"), policyId + ".Properties.PolicyDocument")));
                }
            }
        }
        return Optional.empty();
    }

    /** SAM's Policies: a managed policy's name or ARN, an inline document, or a policy template; one or a list. */
    private Optional<String> samPolicies(Object policies, String path, List<PolicyStatement> statements) {
        for (Object policy : list(policies)) {
            if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                statements.addAll(PolicyDocuments.statements(map));
            } else if (policy instanceof Map<?, ?> map && map.size() == 1) {
                Map.Entry<?, ?> template = map.entrySet().iterator().next();
                Optional<List<PolicyStatement>> known = SamPolicyTemplates.expand(String.valueOf(template.getKey()),
                        context.settings(),
                        template.getValue() instanceof Map<?, ?> parameters ? parameters : Map.of());
                if (known.isEmpty()) {
                    return Optional.of("SAM policy template " + template.getKey() + " is not one the local cloud knows");
                }
                statements.addAll(known.get());
            } else {
                Optional<List<PolicyStatement>> known = ManagedPolicies.named(String.valueOf(policy));
                if (known.isEmpty()) {
                    return Optional.of("policy " + policy + " at " + path + " is not one the local cloud knows");
                }
                statements.addAll(known.get());
            }
        }
        return Optional.empty();
    }

    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> items ? new ArrayList<>(items) : List.of(value);
    }
}
