#!/usr/bin/env bash
# Drives `./workshop serve` with the real AWS CLI, as lab 00 does: tables are there, writes go
# through, and the vote counter's trigger reacts to a put, a move and a delete.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port=${PORT:-8765}
aws_cli=$(command -v /usr/bin/aws || command -v aws)
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
log=$(mktemp)
./workshop serve --port "$port" > "$log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  grep -q "Ctrl-C stops everything" "$log" && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$log"; echo "serve died" >&2; exit 1; }
  sleep 1
done
grep -q "Ctrl-C stops everything" "$log" || { cat "$log"; echo "serve did not start" >&2; exit 1; }

ddb() { "$aws_cli" dynamodb "$@" --endpoint-url "http://localhost:$port" --output text; }
total() {
  ddb get-item --table-name total_votes --consistent-read \
    --key "{\"region\":{\"S\":\"$1\"},\"improvement\":{\"S\":\"$2\"}}" \
    --query 'Item.total_votes.N'
}
wait_total() { # region improvement expected
  for _ in $(seq 1 60); do
    [ "$(total "$1" "$2")" = "$3" ] && { echo "total_votes $1/$2 = $3"; return 0; }
    sleep 0.5
  done
  echo "total_votes $1/$2 is $(total "$1" "$2"), expected $3" >&2
  return 1
}

ddb list-tables --query 'TableNames' | tr '\t' '\n' | grep -qx votes
ddb put-item --table-name votes --item '{"id":{"S":"cli-1"},"region":{"S":"SOUTH"},"improvement":{"S":"MORE_TREES"}}'
wait_total SOUTH MORE_TREES 1
ddb update-item --table-name votes --key '{"id":{"S":"cli-1"}}' \
  --update-expression 'SET #r = :north' --expression-attribute-names '{"#r":"region"}' \
  --expression-attribute-values '{":north":{"S":"NORTH"}}'
wait_total NORTH MORE_TREES 1
wait_total SOUTH MORE_TREES 0
ddb delete-item --table-name votes --key '{"id":{"S":"cli-1"}}'
wait_total NORTH MORE_TREES 0
./workshop triggers | grep -q "VoteCounterFunction <- votes"
echo "serve with the AWS CLI: every check passed"
