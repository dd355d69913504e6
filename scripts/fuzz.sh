#!/usr/bin/env bash
# Fuzzes qindex's readers (libFuzzer + AddressSanitizer) for a fixed time per target:
#   ingest  the tokenizer and loader: each input is loaded by the sequential
#           and the parallel path, which must not crash, hang, leak or
#           disagree (Fuzz/Sources/IngestFuzz)
#   counts  `--from-counts`: a folder of count tables and their accounting,
#           read, checked and, when it passes, derived (Fuzz/Sources/CountTablesFuzz)
#   yaml    the mapping, plan and index files (Fuzz/Sources/YAMLFuzz)
#   scripts/fuzz.sh [seconds per target=60] [target ...]     (all three by default)
#   QINDEX_FUZZ_SEED=1 scripts/fuzz.sh 40   # the same inputs every time (the test command's run)
# Prints each target's executions and any crash; exits non-zero on a
# finding, whose input is left in .build/fuzz/TARGET/findings/ (keep it in
# Fuzz/findings/TARGET/, from where every later run replays it first).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(ingest counts yaml)
swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -E "error|warning: .*\.swift" || true

seed=()
[ -n "${QINDEX_FUZZ_SEED:-}" ] && seed=(-seed="$QINDEX_FUZZ_SEED")
failed=0
for target in "${targets[@]}"; do
  case "$target" in
    ingest) bin=Fuzz/.build/release/IngestFuzz; max_len=8192 ;;
    counts) bin=Fuzz/.build/release/CountTablesFuzz; max_len=65536 ;;
    yaml) bin=Fuzz/.build/release/YAMLFuzz; max_len=16384 ;;
    *) echo "fuzz: unknown target $target (ingest, counts, yaml)"; exit 2 ;;
  esac
  [ -x "$bin" ] || { echo "fuzz: the $target target did not build"; exit 1; }
  corpus=.build/fuzz/$target/corpus findings=.build/fuzz/$target/findings log=.build/fuzz/$target/last.log
  mkdir -p "$corpus" "$findings"
  if [ -z "$(ls -A "$corpus")" ]; then
    case "$target" in
      ingest)
        # The head of the sample, a GB18030 file, a gzip file, CR-only line ends, quoted newlines.
        (gzip -dc datasets/sample/sampling-2011-2020.csv.gz || true) | head -40 > "$corpus/sample.csv"
        head -c 3000 "$corpus/sample.csv" | gzip -c > "$corpus/sample.csv.gz"
        iconv -f UTF-8 -t GB18030 "$corpus/sample.csv" > "$corpus/sample-gb18030.csv" 2>/dev/null || true
        tr '\n' '\r' < "$corpus/sample.csv" > "$corpus/sample-cr.csv"
        printf 'batch_id,sample_date,level,region_code,product_name,result,failed_items,enterprise_name\n"B1",2019-03-01,省抽,450102,"电线\n电缆",合格,,"甲""乙"\n' > "$corpus/quoted.csv"
        ;;
      counts)
        # A whole export's _counts/ of 40 batches, each file after a line "@@ NAME".
        cp Fuzz/seeds/counts/* "$corpus/"
        ;;
      yaml)
        # The bundled plan, index and mapping examples.
        cp datasets/examples/*.yaml "$corpus/"
        ;;
    esac
  fi
  # Every earlier finding is a seed too, so each run replays them first.
  cp Fuzz/findings/"$target"/* "$corpus/" 2>/dev/null || true
  set +e
  "$bin" "$corpus" "${seed[@]}" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  if [ $status -ne 0 ]; then
    grep -E "ERROR|SUMMARY|Fatal error|Test unit written" "$log" | head -20
    echo "fuzz $target: FINDING after $runs executions in ${seconds}s (input in $findings/, log $log)"
    failed=1
  else
    echo "fuzz $target: $runs executions in ${seconds}s, no crash, hang, leak or disagreement (corpus: $(ls "$corpus" | wc -l) inputs)"
  fi
done
exit $failed
