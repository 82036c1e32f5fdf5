#!/usr/bin/env python3
"""Least privilege as AWS will run it: transforms every SAM template of the repository offline with
the SAM translator (what `aws cloudformation deploy` asks CloudFormation to do) and checks the
resulting CloudFormation:

- no IAM role has a managed policy: SAM attaches AWSLambdaDynamoDBExecutionRole or
  AWSLambdaKinesisExecutionRole (stream reads on every stream, Resource "*") to a role it makes
  for a function with a DynamoDB or Kinesis event; an explicit Role keeps it out;
- every function runs with a role of its own template, and no two functions share one;
- every event source mapping's function may read its stream, naming that stream, and reads no
  other stream;
- no Allow statement puts an action other than X-Ray's or CloudWatch's PutMetricData on "*";
- nothing is given up silently: every function a stream's event source mapping invokes has an
  IteratorAge alarm, every on-failure destination of the template an alarm on it, and every function
  whose environment names a QUARANTINE_BUCKET a metric filter on its log group with an alarm on
  that metric.

Usage: python3 deploy/check_transformed.py [TEMPLATE...]   (default: every template in the tree)
       python3 deploy/check_transformed.py --list         (the templates, one per line, from the root)
Needs the SAM translator and cfn-lint's YAML reader (pip packages aws-sam-translator, cfn-lint).
Prints each template's findings and ends with "N passed, N failed"; exits 1 if any failed.
"""
import copy
import json
import os
import re
import sys
from pathlib import Path

from cfnlint.decode import cfn_yaml
from samtranslator.translator.transform import transform

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = {"target", ".git", ".workshop", "node_modules"}
TEMPLATE_MARK = re.compile(r"AWSTemplateFormatVersion|[\"']?Transform[\"']?\s*:\s*[\"']?AWS::Serverless")
STREAM_READ = {"dynamodb:describestream", "dynamodb:getrecords", "dynamodb:getsharditerator",
               "dynamodb:liststreams", "kinesis:describestream", "kinesis:describestreamsummary",
               "kinesis:getrecords", "kinesis:getsharditerator", "kinesis:listshards",
               "kinesis:subscribetoshard", "kinesis:describestreamconsumer"}
ALLOWED_ON_ANY_RESOURCE = {"xray:puttracesegments", "xray:puttelemetryrecords", "xray:getsamplingrules",
                           "xray:getsamplingtargets", "cloudwatch:putmetricdata"}
SUB_VARIABLE = re.compile(r"\$\{([^!}][^}.]*)(\.[^}]*)?}")


class NoManagedPolicies:
    """The translator asks IAM for managed policy names only to resolve names in Policies; the
    templates use none, and this runs offline."""

    def load(self):
        return {}


def templates():
    """Every YAML or JSON template outside build output and test resources, like TemplateChecks."""
    found = []
    for folder, folders, files in os.walk(ROOT):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS)
        relative = Path(folder).relative_to(ROOT).as_posix()
        if "src/test" in relative:
            continue
        for name in sorted(files):
            path = Path(folder, name)
            if re.search(r"\.(ya?ml|json|template)$", name) and TEMPLATE_MARK.search(path.read_text("utf-8")):
                found.append(path)
    return found


def transformed(path):
    """The CloudFormation the SAM transform makes, with local CodeUri paths as if packaged to S3."""
    template = json.loads(json.dumps(cfn_yaml.load(str(path)), default=str))
    if "AWS::Serverless" not in str(template.get("Transform", "")):
        return template
    for owner in [template.get("Globals", {}).get("Function", {})] + [
            r.get("Properties", {}) for r in template.get("Resources", {}).values()
            if r.get("Type") == "AWS::Serverless::Function"]:
        if isinstance(owner.get("CodeUri"), str) and not owner["CodeUri"].startswith("s3://"):
            owner["CodeUri"] = "s3://artifacts/" + owner["CodeUri"]
    return transform(copy.deepcopy(template), {}, NoManagedPolicies())


def names(value, known):
    """The logical ids among `known` that Ref, Fn::GetAtt and Fn::Sub in `value` refer to."""
    found = set()
    if isinstance(value, list):
        for item in value:
            found |= names(item, known)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref":
                found |= {inner} & known
            elif key == "Fn::GetAtt":
                target = inner[0] if isinstance(inner, list) else str(inner).split(".")[0]
                found |= {target} & known
            elif key == "Fn::Sub":
                text = inner[0] if isinstance(inner, list) else inner
                found |= {m.group(1) for m in SUB_VARIABLE.finditer(str(text))} & known
                if isinstance(inner, list) and len(inner) > 1:
                    found |= names(inner[1], known)
            else:
                found |= names(inner, known)
    return found


def as_list(value):
    return value if isinstance(value, list) else [] if value is None else [value]


def statements(role):
    for policy in as_list(role.get("Properties", {}).get("Policies")):
        for statement in as_list(policy.get("PolicyDocument", {}).get("Statement")):
            if statement.get("Effect") == "Allow":
                yield policy.get("PolicyName"), statement


def function_of(target, resources):
    """The function an event source mapping invokes: itself, or the function behind an alias or version."""
    for logical_id in names(target, set(resources)):
        resource = resources[logical_id]
        if resource["Type"] == "AWS::Lambda::Function":
            return logical_id
        if resource["Type"] in ("AWS::Lambda::Alias", "AWS::Lambda::Version"):
            return function_of(resource["Properties"].get("FunctionName"), resources)
    return None


def alarms_on(resources, known):
    """Per alarm: (its namespace, its metric name, the logical ids its dimensions and metric name refer to)."""
    for alarm in resources.values():
        if alarm["Type"] == "AWS::CloudWatch::Alarm":
            properties = alarm.get("Properties", {})
            yield (properties.get("Namespace"), properties.get("MetricName"),
                   names([properties.get("Dimensions"), properties.get("MetricName")], known))


def check_alarms(resources, known):
    problems = []
    alarms = list(alarms_on(resources, known))
    for mapping_id, mapping in resources.items():
        if mapping["Type"] != "AWS::Lambda::EventSourceMapping":
            continue
        properties = mapping["Properties"]
        if ":sqs:" in json.dumps(properties.get("EventSourceArn")):
            continue
        function_id = function_of(properties.get("FunctionName"), resources)
        if not any(metric == "IteratorAge" and function_id in named for _, metric, named in alarms):
            problems.append(f"{mapping_id}: no IteratorAge alarm on {function_id}")
        destination = properties.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        for target in names(destination, known):
            if not any(target in named for _, _, named in alarms):
                problems.append(f"{mapping_id}: no alarm on its on-failure destination {target}")
    for function_id, function in resources.items():
        properties = function.get("Properties", {})
        if function["Type"] != "AWS::Lambda::Function" or not names(
                properties.get("Environment", {}).get("Variables", {}).get("QUARANTINE_BUCKET"), known):
            continue
        log_group = names(properties.get("LoggingConfig", {}).get("LogGroup"), known)
        watched = [(t.get("MetricNamespace"), t.get("MetricName"))
                   for f in resources.values() if f["Type"] == "AWS::Logs::MetricFilter"
                   and log_group and names(f["Properties"].get("LogGroupName"), known) == log_group
                   for t in as_list(f["Properties"].get("MetricTransformations"))]
        if not any((namespace, metric) in watched for namespace, metric, _ in alarms):
            problems.append(f"{function_id}: quarantines records, but no alarm watches a metric filter on its log group")
    return problems


def check(template):
    resources = template.get("Resources", {})
    known = set(resources)
    problems = []
    roles = {k: r for k, r in resources.items() if r["Type"] == "AWS::IAM::Role"}
    for role_id, role in roles.items():
        for arn in as_list(role.get("Properties", {}).get("ManagedPolicyArns")):
            problems.append(f"{role_id}: managed policy {json.dumps(arn)}: give the function an explicit Role")
        for policy, statement in statements(role):
            if "*" in as_list(statement.get("Resource")):
                actions = [a for a in as_list(statement.get("Action")) if a.lower() not in ALLOWED_ON_ANY_RESOURCE]
                if actions:
                    problems.append(f"{role_id}.{policy}: {', '.join(actions)} on Resource \"*\"")
    role_of = {}
    for function_id, function in resources.items():
        if function["Type"] != "AWS::Lambda::Function":
            continue
        role = names(function["Properties"].get("Role"), set(roles))
        if not role:
            problems.append(f"{function_id}: its Role is not a role of this template")
            continue
        role_of[function_id] = role.pop()
    for role_id in set(role_of.values()):
        sharing = sorted(f for f, r in role_of.items() if r == role_id)
        if len(sharing) > 1:
            problems.append(f"{role_id}: shared by {', '.join(sharing)}: one role per function")
    streams_of = {}
    for mapping_id, mapping in resources.items():
        if mapping["Type"] != "AWS::Lambda::EventSourceMapping":
            continue
        source = mapping["Properties"].get("EventSourceArn")
        function_id = function_of(mapping["Properties"].get("FunctionName"), resources)
        if function_id in role_of and ":sqs:" not in json.dumps(source) and "Queue" not in json.dumps(source):
            streams_of.setdefault(function_id, []).append((mapping_id, source, names(source, known)))
    for function_id, role_id in role_of.items():
        reads = [(policy, s) for policy, s in statements(roles[role_id])
                 if any(a.lower() in STREAM_READ for a in as_list(s.get("Action")))]
        mine = streams_of.get(function_id, [])
        for mapping_id, source, source_names in mine:
            if not source_names or not any(names(s.get("Resource"), known) >= source_names for _, s in reads):
                problems.append(f"{mapping_id}: {role_id} may not read {json.dumps(source)} by name")
        for policy, s in reads:
            for resource in as_list(s.get("Resource")):
                named = names(resource, known)
                if not any(source_names and named >= source_names for _, _, source_names in mine):
                    problems.append(f"{role_id}.{policy}: stream reads on {json.dumps(resource)},"
                                    " which no event source mapping of the function reads")
    return problems + check_alarms(resources, known)


def main(arguments):
    if arguments == ["--list"]:
        print("\n".join(path.relative_to(ROOT).as_posix() for path in templates()))
        return 0
    paths = [Path(a).resolve() for a in arguments] or templates()
    passed = failed = 0
    for path in paths:
        name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        try:
            problems = check(transformed(path))
        except Exception as error:  # the translator's InvalidDocumentException names every fault
            problems = [f"cannot transform: {error}"]
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for problem in problems:
                print(f"  {problem}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # the translator needs a region, calls nothing
    sys.exit(main(sys.argv[1:]))
