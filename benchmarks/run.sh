#!/usr/bin/env bash
# qindex vs DuckDB vs Polars on the same files and the same four aggregates.
#
#   benchmarks/run.sh                 # 1M and 10M rows, 3 runs each
#   SIZES="1000000" RUNS=5 benchmarks/run.sh
#
# 1. builds qindex (release) and generates the inputs with a fixed seed
#    (`qindex generate --headers en --plain`: ISO dates and region codes, so
#    every engine runs the same workload);
# 2. installs DuckDB and Polars from PyPI into benchmarks/.venv;
# 3. runs each engine RUNS times (wall time and peak RSS by /usr/bin/time),
#    checks that their counts agree with qindex's tables exactly;
# 4. prints medians, ratios, the inflate floors (gzip/zlib-class and ISA-L
#    igzip, when the `isal` package is installed) and qindex's stage times.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-3}
data=benchmarks/data
mkdir -p "$data"
scripts/ensure-deps.sh
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
swift build -c release --product qindex 2>&1 | grep -E 'error|warning:' || true
qindex=$(swift build -c release --show-bin-path)/qindex
if [ ! -x benchmarks/.venv/bin/python ]; then
  python3 -m venv benchmarks/.venv
fi
benchmarks/.venv/bin/pip install -q duckdb polars
py=benchmarks/.venv/bin/python
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(lscpu | sed -n 's/^Model name: *//p')"
echo "versions: $($qindex --version | head -1) qindex, duckdb $($py -c 'import duckdb; print(duckdb.__version__)'), polars $($py -c 'import polars; print(polars.__version__)')"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# measure LABEL CMD...: runs CMD $RUNS times, prints "LABEL wall_s rss_mb"
measure() {
  local label=$1; shift
  local walls=() rsss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o /tmp/qindex-bench-time "$@" >/dev/null 2>/tmp/qindex-bench-err || { cat /tmp/qindex-bench-err; exit 1; }
    read -r w m < /tmp/qindex-bench-time
    walls+=("$w"); rsss+=("$m")
  done
  local w m
  w=$(printf '%s\n' "${walls[@]}" | median)
  m=$(printf '%s\n' "${rsss[@]}" | median)
  printf '%-22s %8.2f s %8.0f MB\n' "$label" "$w" "$(echo "$m / 1024" | bc -l)"
  echo "$label $w $m" >> /tmp/qindex-bench-summary
}

for n in $SIZES; do
  f=$data/sampling-$n.csv.gz
  [ -f "$f" ] || "$qindex" generate --batches "$n" --headers en --plain --seed 1 --out "$f"
  out=/tmp/qindex-bench-$n
  rm -rf "$out" && mkdir -p "$out/qindex" "$out/duckdb" "$out/polars"
  rm -f /tmp/qindex-bench-summary
  echo
  echo "== $n batches: $f ($(du -m "$f" | cut -f1) MB gzip, $(zcat "$f" | wc -c | awk '{printf "%.0f", $1/1048576}') MB CSV), median of $RUNS =="
  measure "inflate floor: gzip -dc" bash -c "gzip -dc '$f' > /dev/null"
  command -v igzip >/dev/null && measure "inflate floor: igzip" bash -c "igzip -dc '$f' > /dev/null"
  measure "qindex report" "$qindex" report "$f" --out "$out/qindex" --lang en --no-db --no-cache
  # As a user runs it: every output and the database on (a new database each run: its first run).
  measure "qindex (database on)" bash -c "rm -f '$out/q.sqlite'; '$qindex' report '$f' --out '$out/qindex-db' --lang en --db '$out/q.sqlite' --no-cache"
  measure "qindex (zlib)" "$qindex" report "$f" --out "$out/qindex-zlib" --lang en --no-db --inflate zlib --no-cache
  # A second report over the same unchanged file reads the columnar snapshot.
  rm -rf "$out/cache"
  "$qindex" report "$f" --out "$out/qindex-snap" --lang en --no-db --cache "$out/cache" >/dev/null
  measure "qindex (from snapshot)" "$qindex" report "$f" --out "$out/qindex-snap" --lang en --no-db --cache "$out/cache"
  measure "duckdb" "$py" benchmarks/workload.py duckdb "$f" "$out/duckdb"
  measure "polars" "$py" benchmarks/workload.py polars "$f" "$out/polars"
  q=$(awk '$1=="qindex" && $2=="report"{print $3, $4}' /tmp/qindex-bench-summary)  # the cold run
  for e in duckdb polars; do
    awk -v e=$e -v q="$q" 'BEGIN{split(q, a, " ")} $1==e {printf "%-22s time %s/qindex = %.2f (>1: qindex faster), memory %s/qindex = %.2f\n", "qindex vs " e, e, $2/a[1], e, $3/a[2]}' /tmp/qindex-bench-summary
  done
  echo "qindex stages (one run):"
  "$qindex" report "$f" --out "$out/qindex" --lang en --no-db --no-cache --timings 2>&1 >/dev/null | sed 's/^/  /'
  echo "qindex stages, first run writing a snapshot, then reading it:"
  rm -rf "$out/cache"
  "$qindex" report "$f" --out "$out/qindex-snap" --lang en --no-db --cache "$out/cache" --timings 2>&1 >/dev/null | sed 's/^/  /'
  "$qindex" report "$f" --out "$out/qindex-snap" --lang en --no-db --cache "$out/cache" --timings 2>&1 >/dev/null | sed 's/^/  /'
  rm -rf "$out/cache"
  echo "agreement with qindex's tables:"
  "$py" benchmarks/workload.py check "$out/qindex" "$out/duckdb" "$out/polars"
done
