#!/usr/bin/env bash
# Instruction counts per stage (valgrind --tool=callgrind: deterministic,
# unlike wall time on a shared machine), against benchmarks/budget.txt.
#
#   benchmarks/instructions.sh            # 1,000,000 batches (about 15 min under valgrind)
#   N=100000 benchmarks/instructions.sh   # 100,000 batches (about 1.5 min)
#
# One parser thread (--threads 1) so the counts do not depend on scheduling;
# every output, no database, no snapshot cache. Prints each stage's
# inclusive instructions and, where budget.txt has a line for this N and
# stage, whether it is within it. Never fails: it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 1; }
swift build -c release --product qindex 2>&1 | grep -E 'error|warning:' || true
bin=$(swift build -c release --show-bin-path)/qindex
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=benchmarks/data/sampling-$N.csv.gz
mkdir -p benchmarks/data
[ -f "$data" ] || "$bin" generate --batches "$N" --headers en --plain --seed 1 --out "$data" >/dev/null
strip -g -o "$work/q" "$bin"   # valgrind cannot read Swift's debug info
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$work/q" report "$data" --out "$work/o" --no-db --no-cache --threads 1 >/dev/null 2>"$work/err" \
  || { cat "$work/err"; exit 1; }
callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.out" > "$work/inclusive.txt" 2>/dev/null
callgrind_annotate --threshold=100 "$work/cg.out" > "$work/self.txt" 2>/dev/null
echo "instructions, $N batches, one parser thread ($(date -u +%F), $("$bin" --version | head -1))"
# Writers and the aggregate run on worker threads, where callgrind's
# inclusive counts do not reach their caller: stages are measured as the
# instructions in each module's own code (self cost) — deterministic and
# complete — and two single-threaded functions inclusive.
{
  awk '/PROGRAM TOTALS/ { c=$1; gsub(",", "", c); printf "whole run\t%s\n", c }' "$work/inclusive.txt"
  for f in "parse on the main thread (SamplingFileLoader.load)|SamplingFileLoaderC4load8encoding" "parse a row (SamplingFileLoader.row)|SamplingFileLoaderC3row"; do
    grep -E "${f#*|}" "$work/inclusive.txt" | head -1 | awk -v n="${f%%|*}" '{ c=$1; gsub(",", "", c); printf "%s\t%s\n", n, c }' || true
  done
  awk '/^ *[0-9,]+ \(/ && !/PROGRAM TOTALS/ { c=$1; gsub(",", "", c); m="module: other (generic code specialised in qindex, dispatch)"
    if ($0 ~ /\$s13QualityIngest/) m="module: QualityIngest (parse)"
    else if ($0 ~ /\$s11QualityData/) m="module: QualityData (builder, table)"
    else if ($0 ~ /\$s17QualityIndicators/) m="module: QualityIndicators (aggregate)"
    else if ($0 ~ /\$s13QualityReport/) m="module: QualityReport (write)"
    else if ($0 ~ /\$s13QualityExport/) m="module: QualityExport (count tables, Parquet)"
    else if ($0 ~ /\$s14QualityRuntime/) m="module: QualityRuntime (clocks, digests, threads)"
    else if ($0 ~ /\$s12QualityStore/) m="module: QualityStore"
    else if ($0 ~ /libisal/) m="library: ISA-L (inflate, deflate, CRC)"
    else if ($0 ~ /libz\./) m="library: zlib"
    else if ($0 ~ /libm\./) m="library: libm (statistics)"
    else if ($0 ~ /libswiftCore/) m="library: Swift runtime (ARC, strings)"
    else if ($0 ~ /libc\./) m="library: libc (memcpy, malloc)"
    s[m] += c } END { for (m in s) printf "%s\t%.0f\n", m, s[m] }' "$work/self.txt" | sort
} > "$work/stages.tsv"
while IFS=$'\t' read -r name count; do
  budget=$(awk -F'\t' -v n="$N" -v s="$name" '$1 == n && $2 == s {print $3}' benchmarks/budget.txt 2>/dev/null || true)
  verdict=""
  if [ -n "$budget" ]; then
    verdict=$(awk -v c="$count" -v b="$budget" 'BEGIN { printf "budget %.3f G: %s (%+.1f%%)", b/1e9, (c <= b ? "within" : "OVER"), (c - b) * 100 / b }')
  fi
  printf '  %-62s %8.3f G  %s\n' "$name" "$(awk -v c="$count" 'BEGIN { print c / 1e9 }')" "$verdict"
done < "$work/stages.tsv"
