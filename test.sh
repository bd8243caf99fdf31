#!/usr/bin/env bash
# Runs every test: domain, contracts, integration against DynamoDB Local, and the browser tests in Chromium.
# --fast runs only the tests not marked [Slow] (trait Category=Slow): no DynamoDB Local, Chromium,
# function processes or benchmarks, so it needs neither Java nor the web app.
cd "$(dirname "$0")"
source scripts/setup.sh
filter=()
case "${1:-}" in
  "") fast=false ;;
  --fast) fast=true; filter=(--filter "Category!=Slow") ;;
  *) die "unknown option $1; usage: ./test.sh [--fast]" ;;
esac
if $fast; then
  require_dotnet
  require_npm
else
  prepare_app
  [ -x /usr/bin/chromium ] || apt_install chromium
fi
npm_install tools/cfn-spec # the CloudFormation resource specification the template tests check against
npm_install tools/checks # axe-core for the accessibility tests; @redocly/cli and ajv for the OpenAPI tests
say "Running the tests${filter[*]:+ (${filter[*]})}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Todo.sln -c Release -nologo "${filter[@]}" 2>&1 | tee "$log" || status=$?
summary=$(grep -E 'Failed: *[0-9]+, *Passed: *[0-9]+' "$log" | tail -1)
[ -n "$summary" ] || { echo "no test summary found" >&2; exit 1; }
failed=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
passed=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$skipped" = 0 ] || { echo "tests were skipped" >&2; exit 1; }
exit $status
