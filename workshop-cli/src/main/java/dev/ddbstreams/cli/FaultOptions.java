package dev.ddbstreams.cli;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --faults FUNCTION=SPEC}: faults for a function (its template logical id, or {@code *}),
 * e.g. {@code --faults 'VoteCounterFunction=fail-after=0.2,seed=7'}. Also read from the environment
 * variable {@code WORKSHOP_FAULTS} (same syntax, several separated by {@code ;}), so a lab can
 * switch them on without editing a command.
 *
 * <p>{@code --firehose-faults SPEC}: faults of the local Firehose, e.g.
 * {@code --firehose-faults records=0.1,seed=42}; also read from {@code LOCAL_FIREHOSE_FAULTS}
 * (the flag wins).
 */
final class FaultOptions {

    static final String ENVIRONMENT_VARIABLE = "WORKSHOP_FAULTS";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--faults", paramLabel = "FUNCTION=SPEC",
            description = "Inject faults into a function (logical id or *): fail=P (before the handler), "
                    + "fail-after=P (after its writes committed), fail-during=P (right after one of its first writes), "
                    + "duplicate=P (deliver a batch twice), "
                    + "slow=P (past the timeout), seed=N. Example: --faults 'VoteCounterFunction=fail-after=0.2,seed=7'. "
                    + "Also read from " + ENVIRONMENT_VARIABLE + " (several separated by ;).")
    List<String> specs = new ArrayList<>();

    @Option(names = "--firehose-faults", paramLabel = "SPEC",
            description = "Inject faults into the local Firehose: records=P (failed entries), throttle=P "
                    + "(calls rejected with ServiceUnavailableException), first=N, code=ServiceUnavailableException|"
                    + "InternalFailure|mixed, seed=N. Example: --firehose-faults records=0.1,seed=42. Also read from "
                    + FirehoseFaults.ENVIRONMENT_VARIABLE + ".")
    String firehoseSpec;

    /** Function logical id (or *) to its faults, from the environment first, then the flags. */
    Map<String, FunctionFaults> parse() {
        Map<String, FunctionFaults> faults = new LinkedHashMap<>();
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null) {
            for (String text : fromEnvironment.split(";")) {
                if (!text.isBlank()) {
                    put(faults, text.trim(), ENVIRONMENT_VARIABLE);
                }
            }
        }
        specs.forEach(text -> put(faults, text, "--faults"));
        return faults;
    }

    /**
     * Refuses faults for a function that none of the templates declare (a typo would otherwise
     * inject nothing, silently), naming the functions there are.
     *
     * @param templates the templates deployed, whose functions will run
     * @param where what declares them, for the message (e.g. {@code lab votes})
     */
    void requireKnownFunctions(List<Template> templates, String where) {
        Set<String> functions = templates.stream()
                .flatMap(template -> template.functions().stream())
                .map(FunctionDefinition::logicalId)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String function : parse().keySet()) {
            if (!function.equals("*") && !functions.contains(function)) {
                throw new ParameterException(spec.commandLine(), "no function '" + function + "' in " + where
                        + " to inject faults into; its functions: " + String.join(", ", functions)
                        + " (or * for every function)");
            }
        }
    }

    /** From the flag if given, else from the environment variable; none by default. */
    FirehoseFaults firehoseFaults() {
        try {
            return firehoseSpec != null ? FirehoseFaults.parse(firehoseSpec) : FirehoseFaults.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), (firehoseSpec != null ? "--firehose-faults '"
                    + firehoseSpec + "': " : "") + e.getMessage());
        }
    }

    void applyTo(LocalCloud.Builder builder) {
        parse().forEach(builder::faults);
        builder.firehoseFaults(firehoseFaults());
    }

    private void put(Map<String, FunctionFaults> faults, String text, String source) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new ParameterException(spec.commandLine(), source + " '" + text
                    + "' must be FUNCTION=SPEC, e.g. VoteCounterFunction=fail-after=0.2,seed=7");
        }
        try {
            faults.put(text.substring(0, equals), FunctionFaults.parse(text.substring(equals + 1)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), source + " '" + text + "': " + e.getMessage());
        }
    }
}
