package dev.ddbstreams.localcloud.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a deployment would supply to a template: the stack name, the region, the account, values
 * for its Parameters and for any {@code Fn::ImportValue} it uses.
 *
 * @param accountId {@value #PLACEHOLDER_ACCOUNT_ID} unless given: nothing local checks it
 * @param parameterValues override the Parameters' Default values, by parameter name
 * @param importedValues what {@code Fn::ImportValue} returns, by export name (there is no other stack locally)
 */
public record StackSettings(String stackName, String region, String accountId, Map<String, String> parameterValues,
        Map<String, String> importedValues) {

    public static final String PLACEHOLDER_ACCOUNT_ID = "123456789012";

    public StackSettings {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        parameterValues = Map.copyOf(parameterValues);
        importedValues = Map.copyOf(importedValues);
    }

    public static StackSettings of(String stackName, String region) {
        return new StackSettings(stackName, region, PLACEHOLDER_ACCOUNT_ID, Map.of(), Map.of());
    }

    public StackSettings withParameter(String name, String value) {
        Map<String, String> values = new HashMap<>(parameterValues);
        values.put(name, value);
        return new StackSettings(stackName, region, accountId, values, importedValues);
    }

    public StackSettings withParameters(Map<String, String> values) {
        Map<String, String> merged = new HashMap<>(parameterValues);
        merged.putAll(values);
        return new StackSettings(stackName, region, accountId, merged, importedValues);
    }

    public StackSettings withAccountId(String account) {
        return new StackSettings(stackName, region, account, parameterValues, importedValues);
    }

    public StackSettings withImportedValue(String exportName, String value) {
        Map<String, String> values = new HashMap<>(importedValues);
        values.put(exportName, value);
        return new StackSettings(stackName, region, accountId, parameterValues, values);
    }
}
