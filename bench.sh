#!/usr/bin/env bash
# Runs the benchmarks and prints their figures. The full run takes about 20 minutes and
# rewrites its sections of docs/benchmarks.md, with the output of scripts/cold-start-benchmark.sh under the
# cold-start section (sections it does not write are kept); --quick runs every benchmark at small sizes in
# about a minute and writes nothing (./test.sh runs it as a test); --json FILE writes the figures there as JSON too.
# The rebuild benchmark runs ./todoctl, which builds todoctl first when its sources changed.
#   ./bench.sh [--quick] [--only command-cost,projection-lag,list-scaling,throughput,projection-throughput,rebuild,first-page,abuse,micro] [--json FILE]
cd "$(dirname "$0")"
source scripts/setup.sh
prepare_app # the first-page benchmark loads the built web app from the local host
[ -x /usr/bin/chromium ] || apt_install chromium
artifacts=$PWD/.local/artifacts-bench # a build folder of its own, apart from concurrent builds
doc=docs/benchmarks.md

say "Building the benchmarks"
dotnet build bench/Todo.Benchmarks -c Release --artifacts-path "$artifacts" -nologo -v q -clp:ErrorsOnly

args=("$@")
if [[ " $* " != *" --quick "* && " $* " != *" --only "* ]]; then
  mkdir -p docs
  if [ -x scripts/cold-start-benchmark.sh ]; then
    say "Benchmark 5, cold start: scripts/cold-start-benchmark.sh"
    cold=$(mktemp)
    trap 'rm -f "$cold"' EXIT
    status=0
    scripts/cold-start-benchmark.sh 2>&1 | tee "$cold" || status=$?
    [ "$status" = 0 ] || echo "scripts/cold-start-benchmark.sh failed with exit code $status" >>"$cold"
    # Its figures, less its progress lines, go under its own section of the document.
    sed -i '/==> /d' "$cold"
    args+=(--cold-start "$cold")
  else
    echo "scripts/cold-start-benchmark.sh is missing: $doc gets no cold-start figures from this run" >&2
  fi
  args+=(--out "$doc")
fi

say "Running the benchmarks"
dotnet "$artifacts/bin/Todo.Benchmarks/release/Todo.Benchmarks.dll" "${args[@]}"
