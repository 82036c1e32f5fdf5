#!/usr/bin/env bash
# Deploys, removes and shows the workshop's AWS stacks, as deploy/stacks.tsv lists them, with the
# AWS CLI v2 and Maven only. See deploy/README.md.
#
#   deploy/stack.sh deploy <stack> [options]      build the jar, package, deploy
#   deploy/stack.sh remove <stack>|all [options]  empty the stack's buckets, delete it, delete its log groups
#   deploy/stack.sh status <stack>|all [options]  the stack's status and outputs
#   deploy/stack.sh remove-artifacts [options]    empty and delete the artefact bucket of a region
#   deploy/stack.sh list                          the stacks of the manifest
# Options: --region R (primary region; default AWS_REGION, AWS_DEFAULT_REGION or the CLI profile's),
#   --secondary-region R (default us-west-2), --parameter Key=Value (deploy: a template parameter,
#   repeatable, replaces the manifest's value), --prefix NAME (one learner's copy: stacks NAME-<stack>,
#   resource names NAME_<name>; remove and status touch only that copy), --dry-run (print the
#   commands, call nothing).
# <stack> is a name from the manifest, with or without its ddb-streams- prefix.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="$root/deploy/stacks.tsv"
cd "$root"
# Query commands print here in a dry run: their stdout is captured for the answer.
exec 3>&1

dry_run=false
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
secondary_region="us-west-2"
extra_parameters=()
# A learner's copy (--prefix NAME): stacks NAME-<stack>, and NamePrefix=NAME_ for every template.
prefix=""

fail() {
  echo "stack.sh: $*" >&2
  exit 2
}

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Prints a command as a shell would read it back: words with special characters in single quotes.
print_command() {
  local word line=""
  for word in "$@"; do
    if [[ ! "$word" =~ ^[A-Za-z0-9_./:=,@+%-]+$ ]]; then
      word="'${word//\'/\'\\\'\'}'"
    fi
    line+="${line:+ }$word"
  done
  echo "$line"
}

# Runs a command, or in a dry run prints it and runs nothing.
run() {
  if $dry_run; then
    print_command "$@"
  else
    "$@"
  fi
}

# Runs a read-only AWS CLI query and prints its answer; in a dry run prints the command to stderr
# and answers with the placeholder given first.
query() {
  local placeholder="$1"
  shift
  if $dry_run; then
    run "$@" >&3
    echo "$placeholder"
  else
    "$@"
  fi
}

manifest_lines() {
  grep -v '^[[:space:]]*#' "$manifest" | grep -v '^[[:space:]]*$'
}

# Sets name, template, module, role, parameters from the manifest line of a stack.
load_stack() {
  local wanted="$1" line
  line="$(manifest_lines | awk -F'\t' -v a="$wanted" -v b="ddb-streams-$wanted" '$1 == a || $1 == b')"
  [ -n "$line" ] || fail "no stack '$wanted' in deploy/stacks.tsv (deploy/stack.sh list shows them)"
  IFS=$'\t' read -r name template module role parameters <<<"$line"
  [ -f "$template" ] || fail "$name: template $template not found"
  if [ -n "$prefix" ]; then
    name="$prefix-$name"
  fi
}

stack_region() {
  case "$role" in
    primary) echo "$region" ;;
    secondary) echo "$secondary_region" ;;
    *) fail "$name: region must be primary or secondary, not '$role'" ;;
  esac
}

account_id() {
  query 123456789012 aws sts get-caller-identity --query Account --output text
}

# Named after the account and region, never hard-coded: S3 bucket names are global.
artifact_bucket() {
  echo "ddb-streams-workshop-artifacts-$1-$2"
}

# Creates the artefact bucket when missing: encrypted, public access blocked, TLS only, and
# artefacts expire after 30 days (a redeploy uploads them again).
ensure_artifact_bucket() {
  local bucket="$1" r="$2" account="$3"
  if ! $dry_run && aws s3api head-bucket --bucket "$bucket" --expected-bucket-owner "$account" >/dev/null 2>&1; then
    return
  fi
  $dry_run && run aws s3api head-bucket --bucket "$bucket" --expected-bucket-owner "$account"
  if [ "$r" = us-east-1 ]; then
    run aws s3api create-bucket --bucket "$bucket" --region "$r"
  else
    run aws s3api create-bucket --bucket "$bucket" --region "$r" --create-bucket-configuration "LocationConstraint=$r"
  fi
  run aws s3api wait bucket-exists --bucket "$bucket" --region "$r"
  run aws s3api put-public-access-block --bucket "$bucket" --region "$r" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  run aws s3api put-bucket-encryption --bucket "$bucket" --region "$r" --server-side-encryption-configuration \
    '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
  run aws s3api put-bucket-policy --bucket "$bucket" --region "$r" --policy \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TlsOnly\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::$bucket\",\"arn:aws:s3:::$bucket/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"
  run aws s3api put-bucket-lifecycle-configuration --bucket "$bucket" --region "$r" --lifecycle-configuration \
    '{"Rules":[{"ID":"ExpireArtifacts","Status":"Enabled","Filter":{},"Expiration":{"Days":30},"NoncurrentVersionExpiration":{"NoncurrentDays":1},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":1}}]}'
}

deploy_stack() {
  load_stack "$1"
  local r account bucket packaged
  r="$(stack_region)"
  if [ "$module" != - ]; then
    # Tests are skipped here: mvn verify runs them; this only builds the module's shaded jar.
    run mvn -B -q -pl "$module" -am package -Dmaven.test.skip.exec=true -DskipITs
  fi
  account="$(account_id)"
  bucket="$(artifact_bucket "$account" "$r")"
  ensure_artifact_bucket "$bucket" "$r" "$account"
  packaged="deploy/target/$name.packaged.yaml"
  run mkdir -p deploy/target
  run aws cloudformation package --region "$r" --template-file "$template" --s3-bucket "$bucket" \
    --s3-prefix "$name" --output-template-file "$packaged"
  local overrides=()
  if [ "$parameters" != - ]; then
    local p
    for p in $parameters; do
      p="${p//\{primary\}/$region}"
      overrides+=("${p//\{secondary\}/$secondary_region}")
    done
  fi
  if [ -n "$prefix" ]; then
    overrides+=("NamePrefix=${prefix}_")
  fi
  # A --parameter replaces the manifest's value of the same key.
  local extra kept=()
  for extra in ${extra_parameters[@]+"${extra_parameters[@]}"}; do
    for p in ${overrides[@]+"${overrides[@]}"}; do
      [ "${p%%=*}" = "${extra%%=*}" ] || kept+=("$p")
    done
    overrides=(${kept[@]+"${kept[@]}"} "$extra")
    kept=()
  done
  run aws cloudformation deploy --region "$r" --template-file "$packaged" --stack-name "$name" \
    --s3-bucket "$bucket" --s3-prefix "$name" --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
    --no-fail-on-empty-changeset ${overrides[@]+--parameter-overrides "${overrides[@]}"}
  run aws cloudformation describe-stacks --region "$r" --stack-name "$name" --query 'Stacks[0].Outputs' --output table
}

# True when the stack exists; an error other than "does not exist" (no credentials...) stops the script.
stack_exists() {
  local out
  $dry_run && return 0
  if out="$(aws cloudformation describe-stacks --region "$1" --stack-name "$2" 2>&1)"; then
    return 0
  fi
  grep -q 'does not exist' <<<"$out" && return 1
  echo "$out" >&2
  exit 1
}

# Physical ids of the stack's resources of one type (AWS::S3::Bucket...), space-separated; a dry run
# answers EACH_BUCKET and so on.
stack_resources() {
  local kind="${3##*::}"
  query "EACH_${kind^^}" aws cloudformation list-stack-resources --region "$1" --stack-name "$2" \
    --query "StackResourceSummaries[?ResourceType=='$3'].PhysicalResourceId" --output text
}

# Deletes every object version and delete marker (a versioned bucket is not empty without that),
# 500 of each per round: delete-objects takes at most 1,000 keys.
empty_bucket() {
  local bucket="$1" r="$2" batch
  if ! $dry_run && ! aws s3api head-bucket --bucket "$bucket" --region "$r" >/dev/null 2>&1; then
    return
  fi
  # Compliance-mode Object Lock (the archive's opt-in): no one can delete a locked version before
  # its retention ends, so emptying would loop on the same versions forever.
  if [ "$(query None aws s3api get-object-lock-configuration --bucket "$bucket" --region "$r" \
      --query ObjectLockConfiguration.ObjectLockEnabled --output text 2>/dev/null || true)" = Enabled ]; then
    echo "$bucket: Object Lock is on: its objects stay until their retention ends; the bucket is left as it is"
    return
  fi
  batch="$(mktemp)"
  while true; do
    query '{"Objects":[{"Key":"…","VersionId":"…"}],"Quiet":true}' aws s3api list-object-versions \
      --bucket "$bucket" --region "$r" --max-items 500 --output json \
      --query '{Objects: [Versions, DeleteMarkers][].{Key: Key, VersionId: VersionId}, Quiet: `true`}' >"$batch"
    if ! $dry_run && grep -q '"Objects": \[\]\|"Objects": null' "$batch"; then
      break
    fi
    if $dry_run; then
      run aws s3api delete-objects --bucket "$bucket" --region "$r" --delete "file://$batch"
      break
    fi
    aws s3api delete-objects --bucket "$bucket" --region "$r" --delete "file://$batch" >/dev/null
  done
  rm -f "$batch"
}

remove_stack() {
  load_stack "$1"
  local r functions buckets b f
  r="$(stack_region)"
  if ! stack_exists "$r" "$name"; then
    echo "$name: not deployed in $r"
    return
  fi
  functions="$(stack_resources "$r" "$name" AWS::Lambda::Function)"
  buckets="$(stack_resources "$r" "$name" AWS::S3::Bucket)"
  for b in $buckets; do
    [ "$b" = None ] || empty_bucket "$b" "$r"
  done
  run aws cloudformation delete-stack --region "$r" --stack-name "$name"
  run aws cloudformation wait stack-delete-complete --region "$r" --stack-name "$name"
  # Lambda creates /aws/lambda/<function> itself, outside the stack, so the stack leaves it behind.
  for f in $functions; do
    [ "$f" = None ] && continue
    if $dry_run || [ -n "$(aws logs describe-log-groups --region "$r" --log-group-name-prefix "/aws/lambda/$f" \
        --query "logGroups[?logGroupName=='/aws/lambda/$f'].logGroupName" --output text)" ]; then
      run aws logs delete-log-group --region "$r" --log-group-name "/aws/lambda/$f"
    fi
  done
  echo "$name: removed from $r"
}

status_stack() {
  load_stack "$1"
  local r
  r="$(stack_region)"
  if ! stack_exists "$r" "$name"; then
    echo "$name: not deployed in $r"
    return
  fi
  run aws cloudformation describe-stacks --region "$r" --stack-name "$name" \
    --query 'Stacks[0].[StackName, StackStatus, LastUpdatedTime || CreationTime]' --output text
  run aws cloudformation describe-stacks --region "$r" --stack-name "$name" --query 'Stacks[0].Outputs' --output table
}

remove_artifacts() {
  local account bucket
  account="$(account_id)"
  bucket="$(artifact_bucket "$account" "$region")"
  empty_bucket "$bucket" "$region"
  run aws s3api delete-bucket --bucket "$bucket" --region "$region"
}

[ $# -ge 1 ] || usage
action="$1"
shift
target=""
while [ $# -gt 0 ]; do
  case "$1" in
    --region) [ $# -ge 2 ] || fail "--region needs a value"; region="$2"; shift 2 ;;
    --secondary-region) [ $# -ge 2 ] || fail "--secondary-region needs a value"; secondary_region="$2"; shift 2 ;;
    --parameter) [ $# -ge 2 ] && [[ "$2" == ?*=* ]] || fail "--parameter needs Key=Value"
      # The stack name must change with it, or two copies would be one stack.
      [[ "$2" != NamePrefix=* ]] || fail "NamePrefix is set by --prefix NAME (stack names follow it)"
      extra_parameters+=("$2"); shift 2 ;;
    --prefix) [ $# -ge 2 ] || fail "--prefix needs a value"
      # Valid in stack names and, with _ after it, in every resource name (the templates' AllowedPattern).
      [[ "$2" =~ ^[a-z][a-z0-9]{0,15}$ ]] || fail "--prefix must be a lowercase letter and up to 15 lowercase letters or digits, not '$2'"
      prefix="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage ;;
    -*) fail "unknown option $1" ;;
    *) [ -z "$target" ] || fail "one stack at a time (or all)"; target="$1"; shift ;;
  esac
done

case "$action" in
  list)
    manifest_lines | cut -f1,2,4
    exit 0
    ;;
  deploy|remove|status|remove-artifacts) ;;
  *) usage ;;
esac

if [ -z "$region" ] && ! $dry_run; then
  region="$(aws configure get region || true)"
fi
[ -n "$region" ] || fail "no region: pass --region or set AWS_REGION"
[ "$region" != "$secondary_region" ] || fail "--region and --secondary-region must differ (both are $region)"

case "$action" in
  deploy)
    [ -n "$target" ] && [ "$target" != all ] || fail "deploy takes one stack (deploy/stack.sh list shows them)"
    deploy_stack "$target"
    ;;
  remove|status)
    [ -n "$target" ] || fail "$action takes a stack or all"
    if [ "$target" = all ]; then
      stacks="$(manifest_lines | cut -f1)"
      [ "$action" = status ] || stacks="$(echo "$stacks" | tac)"
      for s in $stacks; do
        "${action}_stack" "$s"
      done
    else
      "${action}_stack" "$target"
    fi
    ;;
  remove-artifacts)
    [ -z "$prefix" ] || fail "remove-artifacts removes the bucket every copy of the region shares: run it without --prefix, after the last copy is removed"
    remove_artifacts
    ;;
esac
