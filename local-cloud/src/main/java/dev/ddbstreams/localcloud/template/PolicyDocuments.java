package dev.ddbstreams.localcloud.template;

import dev.ddbstreams.localcloud.iam.PolicyStatement;
import java.util.List;
import java.util.Map;

/** The statements of an IAM policy document whose intrinsics are resolved. */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    static List<PolicyStatement> statements(Object document) {
        if (!(document instanceof Map<?, ?> map)) {
            return List.of();
        }
        return PermissionsReader.list(map.get("Statement")).stream()
                .filter(Map.class::isInstance)
                .map(statement -> statement((Map<?, ?>) statement))
                .toList();
    }

    private static PolicyStatement statement(Map<?, ?> statement) {
        boolean notAction = statement.containsKey("NotAction");
        boolean notResource = statement.containsKey("NotResource");
        return new PolicyStatement("Allow".equals(statement.get("Effect")),
                texts(statement.get(notAction ? "NotAction" : "Action")), notAction,
                texts(statement.get(notResource ? "NotResource" : "Resource")).stream()
                        .map(PolicyDocuments::streamPattern).toList(),
                notResource, statement.containsKey("Condition"));
    }

    /** {@code !GetAtt Table.StreamArn} resolves to a placeholder label; the real stream's label is only known at run time. */
    private static String streamPattern(String resource) {
        return StreamArnPlaceholder.tableName(resource).isPresent()
                ? resource.replace(StreamArnPlaceholder.LABEL, "*") : resource;
    }

    private static List<String> texts(Object value) {
        return PermissionsReader.list(value).stream().map(String::valueOf).toList();
    }
}
