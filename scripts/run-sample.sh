#!/usr/bin/env bash
# The README's first command: install what is missing, build in release mode,
# and run `qindex report` on the bundled sample (datasets/sample).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product qindex 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
bin=$(swift build -c release --show-bin-path)/qindex
[ -x "$bin" ] || { echo "build failed: $bin not found" >&2; exit 1; }
out=${1:-out/sample}
"$bin" report datasets/sample/sampling-2011-2020.csv.gz \
  --inspections datasets/sample/inspections-2011-2020.csv.gz \
  --stats datasets/sample/regional-statistics-2011-2020.csv \
  --plan datasets/examples/plan-guangxi-13th.yaml \
  --index datasets/examples/index-guangxi-cities.yaml \
  --out "$out" "${@:2}"
