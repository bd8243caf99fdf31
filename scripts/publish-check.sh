#!/usr/bin/env bash
# Publishes each function project the way sam build does (its Makefile, Native AOT for linux-x64) and
# checks each bootstrap: the build gives no warning, and it needs no glibc newer than Amazon Linux 2023's 2.34.
cd "$(dirname "$0")/.."
source scripts/setup.sh
source scripts/aot.sh
require_aot_tools
out=$PWD/.local/publish-check
rm -rf "$out/bin"
for project in Todo.Commands Todo.Queries Todo.Projections; do
  target=$(grep -oE '^build-[A-Za-z]+' "$project/Makefile" | head -1)
  say "Publishing $project ($target)"
  started=$(date +%s)
  log="$out/$project.log"
  mkdir -p "$out"
  make -C "$project" "$target" ARTIFACTS_DIR="$out/bin/$project" PUBLISH_DIR="$out/publish/$project" \
    PUBLISH_ARGS="--artifacts-path $out/artifacts" >"$log" 2>&1 || { cat "$log"; die "publishing $project failed"; }
  ! grep -iE '(warning|error) [A-Z]+[0-9]+' "$log" || die "publishing $project gave the warnings above"
  glibc=$(check_glibc "$out/bin/$project/bootstrap")
  printf '%s: bootstrap %s MB, newest glibc symbol %s, published in %ss\n' "$project" \
    "$(( $(stat -c %s "$out/bin/$project/bootstrap") / 1048576 ))" "$glibc" "$(( $(date +%s) - started ))"
done
echo "publish check passed"
