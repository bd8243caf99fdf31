#!/usr/bin/env bash
# Cold start of get-todo, Native AOT bootstrap vs the JIT build (dotnet Todo.Queries.dll), through the
# Runtime API stub on 127.0.0.1 with a stub DynamoDB endpoint. RUNS=n sets the runs per build (default 10).
# Prints medians; docs/benchmarks.md records them.
cd "$(dirname "$0")/.."
source scripts/setup.sh
source scripts/aot.sh
require_aot_tools
out=$PWD/.local/cold-start
say "Publishing the AOT bootstrap"
make -C Todo.Queries build-GetTodoFunction ARTIFACTS_DIR="$out/aot" PUBLISH_DIR="$out/publish" \
  PUBLISH_ARGS="--artifacts-path $out/artifacts" >"$out.log" 2>&1 || { cat "$out.log"; die "publishing failed"; }
say "Building the JIT build and the benchmark"
dotnet build Todo.Queries -c Release --artifacts-path "$out/artifacts" -nologo -v q -clp:ErrorsOnly
dotnet build bench/Todo.ColdStart -c Release --artifacts-path "$out/artifacts" -nologo -v q -clp:ErrorsOnly
say "Measuring"
dotnet "$out/artifacts/bin/Todo.ColdStart/release/Todo.ColdStart.dll" "${RUNS:-10}" "$out/aot/bootstrap" \
  "$out/artifacts/bin/Todo.Queries/release/Todo.Queries.dll"
