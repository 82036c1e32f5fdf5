package dev.ddbstreams.cli.deploy;

import static dev.ddbstreams.cli.deploy.FunctionPermissions.list;
import static dev.ddbstreams.cli.deploy.FunctionPermissions.map;
import static dev.ddbstreams.cli.deploy.FunctionPermissions.names;

import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Nothing given up silently: in a template as written (SAM events and event source mappings
 * alike), every stream-triggered function has an IteratorAge alarm, every on-failure destination
 * an alarm on it, every function with a quarantine bucket an alarm on the metric a filter counts
 * in its log group, and every alarm notifies someone when told whom. deploy/check_transformed.py
 * checks the same over the SAM transform's output.
 */
final class TemplateAlarmChecks {

    /** The environment variable that names a function's quarantine bucket. */
    static final String QUARANTINE_BUCKET = "QUARANTINE_BUCKET";

    enum Rule {
        /** A function a DynamoDB or Kinesis stream triggers, with no IteratorAge alarm naming it. */
        NO_ITERATOR_AGE_ALARM,
        /** An on-failure destination of the template (queue or topic) no alarm names. */
        NO_FAILURE_DESTINATION_ALARM,
        /** A function with a QUARANTINE_BUCKET, and no alarm on a metric filter of its log group. */
        NO_QUARANTINE_ALARM,
        /** An alarm without AlarmActions: it would change state and tell no one. */
        ALARM_WITHOUT_ACTIONS
    }


    /** One alarm: the metric it watches and the resources its dimensions and metric name refer to. */
    private record Alarm(Object namespace, Object metricName, Set<String> names) {
    }

    List<Violation<Rule>> check(Path file) {
        TemplateDocument document = TemplateDocument.load(file);
        Map<String, Map<String, Object>> resources = document.resources();
        Set<String> known = resources.keySet();
        List<Alarm> alarms = new ArrayList<>();
        List<Violation<Rule>> violations = new ArrayList<>();
        resources.forEach((id, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                Map<String, Object> properties = document.properties(id);
                alarms.add(new Alarm(properties.get("Namespace"), properties.get("MetricName"),
                        names(Arrays.asList(properties.get("Dimensions"), properties.get("MetricName")), known)));
                if (list(properties.get("AlarmActions")).isEmpty()) {
                    violations.add(new Violation<>(file, id, Rule.ALARM_WITHOUT_ACTIONS,
                            "no AlarmActions: name the alarm topic (AlarmTopicArn)"));
                }
            }
        });
        Set<String> triggered = new LinkedHashSet<>();
        Set<String> destinations = new LinkedHashSet<>();
        resources.forEach((id, resource) -> {
            Map<String, Object> properties = document.properties(id);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                map(properties.get("Events")).values().stream().map(FunctionPermissions::map)
                        .filter(event -> "DynamoDB".equals(event.get("Type")) || "Kinesis".equals(event.get("Type")))
                        .forEach(event -> {
                            triggered.add(id);
                            destinations.addAll(onFailure(map(event.get("Properties")), known));
                        });
            } else if ("AWS::Lambda::EventSourceMapping".equals(resource.get("Type"))
                    && TemplateChecks.isStream(properties.get("EventSourceArn"), resources)) {
                TemplateChecks.functionOf(properties.get("FunctionName"), resources).ifPresent(triggered::add);
                destinations.addAll(onFailure(properties, known));
            }
        });
        triggered.stream().filter(function -> alarms.stream().noneMatch(alarm ->
                        "IteratorAge".equals(alarm.metricName()) && alarm.names().contains(function)))
                .forEach(function -> violations.add(new Violation<>(file, function, Rule.NO_ITERATOR_AGE_ALARM,
                        "a stream triggers it, and no IteratorAge alarm names it (FunctionName dimension)")));
        destinations.stream().filter(destination -> alarms.stream().noneMatch(alarm -> alarm.names().contains(destination)))
                .forEach(destination -> violations.add(new Violation<>(file, destination,
                        Rule.NO_FAILURE_DESTINATION_ALARM, "an on-failure destination no alarm watches")));
        resources.forEach((id, resource) -> {
            Map<String, Object> properties = document.properties(id);
            boolean quarantines = (resource.get("Type") + "").matches("AWS::(Serverless|Lambda)::Function")
                    && !names(map(map(properties.get("Environment")).get("Variables")).get(QUARANTINE_BUCKET), known)
                            .isEmpty();
            if (quarantines && !watchesItsLogGroup(properties, document, alarms)) {
                violations.add(new Violation<>(file, id, Rule.NO_QUARANTINE_ALARM, "it has a " + QUARANTINE_BUCKET
                        + ", and no alarm watches a metric filter on its log group (LoggingConfig.LogGroup)"));
            }
        });
        return violations;
    }

    private static Set<String> onFailure(Map<String, Object> trigger, Set<String> known) {
        return names(map(map(trigger.get("DestinationConfig")).get("OnFailure")).get("Destination"), known);
    }

    private static boolean watchesItsLogGroup(Map<String, Object> function, TemplateDocument document,
            List<Alarm> alarms) {
        Set<String> logGroup = names(map(function.get("LoggingConfig")).get("LogGroup"), document.resources().keySet());
        if (logGroup.isEmpty()) {
            return false;
        }
        return document.resources().entrySet().stream()
                .filter(entry -> "AWS::Logs::MetricFilter".equals(entry.getValue().get("Type")))
                .map(entry -> document.properties(entry.getKey()))
                .filter(filter -> names(filter.get("LogGroupName"), document.resources().keySet()).equals(logGroup))
                .flatMap(filter -> list(filter.get("MetricTransformations")).stream().map(FunctionPermissions::map))
                .anyMatch(metric -> alarms.stream().anyMatch(alarm -> alarm.namespace() != null
                        && alarm.namespace().equals(metric.get("MetricNamespace"))
                        && Objects.equals(alarm.metricName(), metric.get("MetricName"))));
    }
}
