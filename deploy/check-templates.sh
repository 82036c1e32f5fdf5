#!/usr/bin/env bash
# Every CloudFormation/SAM template of the repository as AWS will read it, without an AWS account:
# cfn-lint (any error, warning or informational finding fails), then the SAM transform's
# least-privilege check (deploy/check_transformed.py). CI runs it before the build.
# Needs cfn-lint and aws-sam-translator in python3 (the machine image has both); missing is a failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The image installs both with pyenv; a non-login shell (CI) may not have its shims on PATH yet.
if ! command -v cfn-lint >/dev/null 2>&1 && [ -d "$HOME/.pyenv/shims" ]; then
  PATH="$HOME/.pyenv/shims:$PATH"
fi
if ! command -v cfn-lint >/dev/null 2>&1 || ! python3 -c "import samtranslator" 2>/dev/null; then
  echo "check-templates: cfn-lint and aws-sam-translator are needed (pip install cfn-lint aws-sam-translator)" >&2
  exit 1
fi
mapfile -t templates < <(python3 deploy/check_transformed.py --list)
echo "cfn-lint $(cfn-lint --version | awk '{print $2}') on ${#templates[@]} templates"
cfn-lint --regions us-east-1 -- "${templates[@]}"
python3 deploy/check_transformed.py
