#!/usr/bin/env bash
# Runs the benchmarks of issue 5 and prints their figures. The full run takes about 20 minutes and
# rewrites docs/benchmarks.md, cold start included (scripts/cold-start-benchmark.sh); --quick runs every
# benchmark at small sizes in about a minute and writes nothing (./test.sh runs it as a test).
#   ./bench.sh [--quick] [--only command-cost,projection-lag,list-scaling,throughput,micro]
cd "$(dirname "$0")"
source scripts/setup.sh
require_tools
npm_install tools/dynamodb-local
artifacts=$PWD/.local/artifacts-bench # a build folder of its own, apart from concurrent builds
doc=docs/benchmarks.md

say "Building the benchmarks"
dotnet build bench/Todo.Benchmarks -c Release --artifacts-path "$artifacts" -nologo -v q -clp:ErrorsOnly

args=("$@")
fingerprint() { if [ -f "$doc" ]; then sha1sum "$doc"; else echo none; fi; }
if [[ " $* " != *" --quick "* && " $* " != *" --only "* ]]; then
  mkdir -p docs
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if [ -x scripts/cold-start-benchmark.sh ]; then
    say "Benchmark 5, cold start: scripts/cold-start-benchmark.sh"
    before=$(fingerprint)
    status=0
    scripts/cold-start-benchmark.sh 2>&1 | tee "$tmp/cold-start" || status=$?
    [ "$status" = 0 ] || echo "scripts/cold-start-benchmark.sh failed with exit code $status" >>"$tmp/cold-start"
    # A section the script wrote into the document itself is kept; otherwise what it printed, less its progress lines, goes in.
    if [ "$before" = "$(fingerprint)" ]; then
      grep -v '==> ' "$tmp/cold-start" >"$tmp/cold-start-figures" || true
      args+=(--cold-start "$tmp/cold-start-figures")
    fi
  else
    echo "scripts/cold-start-benchmark.sh is missing: $doc gets no cold-start figures" >&2
  fi
  args+=(--out "$doc")
fi

say "Running the benchmarks"
dotnet "$artifacts/bin/Todo.Benchmarks/release/Todo.Benchmarks.dll" "${args[@]}"
