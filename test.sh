#!/usr/bin/env bash
# Runs every test: domain, contracts, integration against DynamoDB Local, and the browser tests in Chromium.
cd "$(dirname "$0")"
source scripts/setup.sh
prepare_app
npm_install tools/cfn-spec # the CloudFormation resource specification the template tests check against
npm_install tools/checks # axe-core for the accessibility tests; @redocly/cli and ajv for the OpenAPI tests
[ -x /usr/bin/chromium ] || apt_install chromium
say "Running the tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Todo.sln -c Release -nologo 2>&1 | tee "$log" || status=$?
summary=$(grep -E 'Failed: *[0-9]+, *Passed: *[0-9]+' "$log" | tail -1)
[ -n "$summary" ] || { echo "no test summary found" >&2; exit 1; }
failed=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
passed=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$skipped" = 0 ] || { echo "tests were skipped" >&2; exit 1; }
exit $status
