#!/usr/bin/env bash
# Puts a deployed function's quarantined records back through it on AWS, once the cause is fixed:
# what ./workshop redrive does locally, with the AWS CLI v2 and jq. See deploy/README.md#redrive.
#
#   deploy/redrive.sh <stack> <FunctionLogicalId> [--region R] [--prefix NAME] [--dry-run]
#
# <stack> as deploy/stack.sh takes it (with or without ddb-streams-); --prefix NAME for a learner's
# copy deployed with deploy/stack.sh --prefix NAME (stack NAME-ddb-streams-<stack>).
# Per record under the function's folder of the stack's QuarantineBucket (its QUARANTINE_PREFIX,
# the logical id in every template; else its name or logical id), in sequence-number order: invoke
# the function's alias `live` with the event its trigger would send (the record alone; for a
# tumbling-window function, as a window of its own, final invoke, shard "redrive") and
# ClientContext {"custom":{"redrive":"true"}} (the replica then resyncs the record's key from its
# source table instead of putting the record's old image back); if the invocation failed, reported
# the record as a batch item failure, answered no JSON object, or quarantined it again (a newer
# quarantinedAt), it still fails and stays; else the object is copied to redriven/<key> and
# deleted. --dry-run lists the records and their reasons and invokes nothing.
# Needs s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject on the bucket and
# lambda:InvokeFunction, lambda:GetFunctionConfiguration on the function. Exit status 1 if a
# record still fails.
set -euo pipefail

fail() {
  echo "redrive.sh: $*" >&2
  exit 2
}

[ $# -ge 2 ] || { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
stack="$1"
logical_id="$2"
shift 2
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
prefix=""
dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --region) region="${2:?--region needs a value}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a value}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) fail "unknown option $1" ;;
  esac
done
[[ "$stack" == ddb-streams-* || "$stack" == *-ddb-streams-* ]] || stack="ddb-streams-$stack"
[ -z "$prefix" ] || [[ "$stack" == "$prefix"-* ]] || stack="$prefix-$stack"
aws_cli=(aws ${region:+--region "$region"})

bucket=$("${aws_cli[@]}" cloudformation describe-stacks --stack-name "$stack" --output text \
  --query "Stacks[0].Outputs[?OutputKey=='QuarantineBucketName'].OutputValue")
[ -n "$bucket" ] && [ "$bucket" != None ] || fail "$stack has no output QuarantineBucketName"
function=$("${aws_cli[@]}" cloudformation describe-stack-resource --stack-name "$stack" \
  --logical-resource-id "$logical_id" --query StackResourceDetail.PhysicalResourceId --output text)
window=$("${aws_cli[@]}" lambda list-event-source-mappings --function-name "$function:live" --output text \
  --query 'EventSourceMappings[0].TumblingWindowInSeconds')

# The keys under a prefix in redrive order: by folder (day, shard or stream), then by sequence
# number as a number (names <sequenceNumber>[_<eventID>].json; other names after the numbered ones).
keys() {
  "${aws_cli[@]}" s3api list-objects-v2 --bucket "$bucket" --prefix "$1/" --output json \
    --query 'Contents[].Key' | jq -r '(. // []) | sort_by(
      (split("/") | .[:-1] | join("/")) as $folder
      | (split("/") | last | split("_")[0] | sub("\\.json$"; "")) as $seq
      | ($seq | test("^[0-9]+$")) as $number
      | [$folder, ($number | not), (if $number then ($seq | length) else 0 end), $seq, .]) | .[]'
}
# The folder the function's QUARANTINE_PREFIX names (every template sets it); else its name or logical id.
folder=$("${aws_cli[@]}" lambda get-function-configuration --function-name "$function:live" --output text \
  --query Environment.Variables.QUARANTINE_PREFIX)
if [ -n "$folder" ] && [ "$folder" != None ]; then
  mapfile -t quarantined < <(keys "$folder")
else
  mapfile -t quarantined < <(keys "$function")
  [ ${#quarantined[@]} -gt 0 ] || mapfile -t quarantined < <(keys "$logical_id")
fi
echo "$function: ${#quarantined[@]} quarantined records in s3://$bucket/"

client_context=$(jq -rn '{custom: {redrive: "true"}} | tojson | @base64')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
redriven=0
failing=0
by_hand=0
for key in "${quarantined[@]}"; do
  "${aws_cli[@]}" s3 cp --quiet "s3://$bucket/$key" "$work/object.json"
  event_id=$(jq -r '.record.eventID' "$work/object.json")
  if [ "$(jq -r .eventSource "$work/object.json")" = ddbstreams:window-increment ]; then
    # No event carries a refused increment, and replaying its window's records would count them twice.
    echo "by hand      $event_id $key: a window's refused increment: apply its add with an UpdateItem ADD, or drop it"
    by_hand=$((by_hand + 1))
    continue
  fi
  if $dry_run; then
    echo "would redrive $event_id $key: quarantined for: $(jq -r .reason "$work/object.json")"
    continue
  fi
  if [[ "$window" =~ ^[0-9]+$ ]] && [ "$(jq -r .eventSource "$work/object.json")" = aws:dynamodb ]; then
    jq --argjson size "$window" '.record as $r | ($r.dynamodb.ApproximateCreationDateTime | floor) as $start
      | {Records: [$r], window: {start: ($start | todate), end: ($start + $size | todate)}, state: {},
         shardId: "redrive", eventSourceARN: $r.eventSourceARN, isFinalInvokeForWindow: true,
         isWindowTerminatedEarly: false}' "$work/object.json" > "$work/event.json"
  else
    jq '{Records: [.record]}' "$work/object.json" > "$work/event.json"
  fi
  # Under set -e a failed call would end the run without its summary: each one counts as this record failing.
  if ! error=$("${aws_cli[@]}" lambda invoke --function-name "$function:live" --cli-binary-format raw-in-base64-out \
      --client-context "$client_context" --payload "fileb://$work/event.json" --query FunctionError --output text \
      "$work/response.json"); then
    echo "still fails  $event_id $key: the Invoke call failed (see the AWS CLI's message above)"
    failing=$((failing + 1))
    continue
  fi
  before=$(jq -r .quarantinedAt "$work/object.json")
  after=$("${aws_cli[@]}" s3 cp --quiet "s3://$bucket/$key" - | jq -r .quarantinedAt) || after="unreadable"
  if [ "$error" != None ]; then
    echo "still fails  $event_id $key: the invocation failed: $(jq -c . "$work/response.json")"
  elif ! jq -e 'type == "object" or type == "null"' "$work/response.json" > /dev/null 2>&1; then
    echo "still fails  $event_id $key: the function's response is not a JSON object: $(head -c 200 "$work/response.json")"
  elif [ "$(jq '.batchItemFailures // [] | length' "$work/response.json")" != 0 ]; then
    echo "still fails  $event_id $key: the function reported it as a batch item failure"
  elif [ "$after" != "$before" ]; then
    echo "still fails  $event_id $key: quarantined again: $("${aws_cli[@]}" s3 cp --quiet "s3://$bucket/$key" - | jq -r .reason)"
  elif ! { "${aws_cli[@]}" s3 cp --quiet "s3://$bucket/$key" "s3://$bucket/redriven/$key" \
      && "${aws_cli[@]}" s3 rm --quiet "s3://$bucket/$key"; }; then
    echo "still fails  $event_id $key: applied, but not moved to redriven/ (a second run applies it again, harmlessly)"
  else
    echo "redriven     $event_id $key: applied; kept as redriven/$key"
    redriven=$((redriven + 1))
    continue
  fi
  failing=$((failing + 1))
done
[ "$by_hand" = 0 ] || echo "$by_hand to apply by hand (refused window increments)"
$dry_run && { echo "$((${#quarantined[@]} - by_hand)) would be redriven (dry run: nothing invoked)"; exit 0; }
echo "$redriven redriven, $failing still failing"
[ "$failing" = 0 ]
