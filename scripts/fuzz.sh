#!/usr/bin/env bash
# Fuzzes the tokenizer and loader (libFuzzer + AddressSanitizer) for a fixed
# time: each input is loaded by the sequential and the parallel path, which
# must not crash, hang, leak or disagree (Fuzz/Sources/IngestFuzz).
#   scripts/fuzz.sh [seconds=60]
#   QINDEX_FUZZ_SEED=1 scripts/fuzz.sh 60   # the same inputs every time (the test command's run)
# Prints the executions and any crash; exits non-zero on a finding, whose
# input is left in .build/fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -E "error|warning: .*\.swift" || true
bin=Fuzz/.build/release/IngestFuzz
[ -x "$bin" ] || { echo "fuzz: the fuzz target did not build"; exit 1; }
corpus=.build/fuzz/corpus findings=.build/fuzz/findings
mkdir -p "$corpus" "$findings"
# Seeds: the head of the sample, a GB18030 file, a gzip file, CR-only line ends, quoted newlines.
if [ -z "$(ls -A "$corpus")" ]; then
  (gzip -dc datasets/sample/sampling-2011-2020.csv.gz || true) | head -40 > "$corpus/sample.csv"
  head -c 3000 "$corpus/sample.csv" | gzip -c > "$corpus/sample.csv.gz"
  iconv -f UTF-8 -t GB18030 "$corpus/sample.csv" > "$corpus/sample-gb18030.csv" 2>/dev/null || true
  tr '\n' '\r' < "$corpus/sample.csv" > "$corpus/sample-cr.csv"
  printf 'batch_id,sample_date,level,region_code,product_name,result,failed_items,enterprise_name\n"B1",2019-03-01,省抽,450102,"电线\n电缆",合格,,"甲""乙"\n' > "$corpus/quoted.csv"
fi
# Every earlier finding is a seed too, so each run replays them first.
cp Fuzz/findings/* "$corpus/" 2>/dev/null || true
seed=()
[ -n "${QINDEX_FUZZ_SEED:-}" ] && seed=(-seed="$QINDEX_FUZZ_SEED")
log=.build/fuzz/last.log
set +e
"$bin" "$corpus" "${seed[@]}" -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
if [ $status -ne 0 ]; then
  grep -E "ERROR|SUMMARY|Fatal error|Test unit written" "$log" | head -20
  echo "fuzz: FINDING after $runs executions in ${seconds}s (input in $findings/, log $log)"
  exit 1
fi
echo "fuzz: $runs executions in ${seconds}s, no crash, hang, leak or disagreement (corpus: $(ls "$corpus" | wc -l) inputs)"
