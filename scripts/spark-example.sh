#!/usr/bin/env bash
# The path past one machine, in Spark's local mode (issue 19), on N generated batches
# split into yearly files, with inspection records (exported and counted too),
# regional statistics, the bundled plan and index: qindex export (each file on its own, merged into one
# folder) → spark-submit the rendered count SQL → qindex report --from-counts,
# then checks: Spark's count tables equal qindex's own kernel's (the export's _counts/),
# and the report from Spark's counts has byte-identical tables to the report from the records.
# pyspark from PyPI in a venv of its own (.build/spark-venv), Java 17 from Debian
# (openjdk-17-jre-headless). N batches are generated (default 1,000,000).
#   scripts/spark-example.sh            N=30000 scripts/spark-example.sh      QINDEX=.build/debug/qindex …
# Against a cluster the same three commands (README):
#   qindex export … --out hdfs-staging/ ; qindex sql --engine spark --parquet hdfs:///… --out hdfs:///… --plan p.yaml --index i.yaml > counts.sql
#   spark-submit --master yarn scripts/spark/run_sql.py counts.sql
#   hdfs dfs -get hdfs:///…/counts counts ; qindex report --from-counts counts --plan p.yaml --index i.yaml --out report
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
work=${WORK:-.build/spark-example}
command -v java >/dev/null || { echo "installing openjdk-17-jre-headless" >&2; apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null; }
if ! .build/spark-venv/bin/python -c "import pyspark" 2>/dev/null; then
  python3 -m venv .build/spark-venv && .build/spark-venv/bin/pip install -q pyspark
fi
# QINDEX: a qindex binary to use (the tests pass theirs: a build here would wait for their lock).
if [ -n "${QINDEX:-}" ]; then qindex=$QINDEX; else swift build -c release >/dev/null; qindex=$(swift build -c release --show-bin-path)/qindex; fi
rm -rf "$work" && mkdir -p "$work"
t() { local s=$EPOCHREALTIME; "$@"; awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "  (%.1f s)\n", b - a }' >&2; }
echo "generate $N batches, split into yearly files" >&2
t "$qindex" generate --batches "$N" --lang en --out "$work/sampling.csv.gz" --inspections "$work/inspections.csv.gz" --stats "$work/statistics.csv" >/dev/null
# The plan's and the index's targets filter batches (industry, level, channel): their counts are rendered too.
companions=(--plan datasets/examples/plan-guangxi-13th.yaml --index datasets/examples/index-guangxi-cities.yaml)
records=(--inspections "$work/inspections.csv.gz" --stats "$work/statistics.csv")
python3 scripts/spark/split_by_year.py "$work/sampling.csv.gz" "$work/yearly"
years=$(ls "$work/yearly")
echo "export each yearly file on its own (the map step a fleet runs in parallel), merged into one folder" >&2
mkdir -p "$work/parquet" "$work/counts"
last=$(echo "$years" | tail -1)
exports() {
  for f in $years; do
    y=${f#sampling-}; y=${y%.csv.gz}
    # The inspection records go with one export (the last: its accounting is read last, as the report lists them after the sampling files).
    extra=(); [ "$f" = "$last" ] && extra=(--inspections "$work/inspections.csv.gz")
    "$qindex" export "$work/yearly/$f" --out "$work/export-$y" "${companions[@]}" "${extra[@]}" --no-cache --lang en --quiet
    cp -r "$work/export-$y"/year=* "$work/parquet/"
    [ -d "$work/export-$y/_inspections" ] && cp -r "$work/export-$y/_inspections" "$work/parquet/"
    cp "$work/export-$y/_counts/_accounting.json" "$work/counts/_accounting-$y.json"
  done
}
t exports
echo "qindex's own counts over all the files, to compare with Spark's" >&2
t "$qindex" export "$work"/yearly/*.csv.gz --inspections "$work/inspections.csv.gz" --out "$work/export-all" "${companions[@]}" --no-cache --lang en --quiet
echo "render the Spark SQL" >&2
# Spark reads absolute paths (WORK may be relative or absolute).
abs=$(cd "$work" && pwd)
"$qindex" sql --engine spark --parquet "$abs/parquet" --out "$abs/counts" "${companions[@]}" --count-inspections > "$work/counts.sql"
echo "Spark (local mode, pyspark; its log in $work/spark.log)" >&2
spark() { QINDEX_SPARK_MASTER="local[*]" .build/spark-venv/bin/python scripts/spark/run_sql.py "$work/counts.sql" 2>"$work/spark.log"; }
t spark
echo "report from Spark's counts" >&2
t "$qindex" report --from-counts "$work/counts" "${companions[@]}" --stats "$work/statistics.csv" --out "$work/report-from-counts" --no-db --format csv --lang en --quiet
echo "report from the records (to compare)" >&2
t "$qindex" report "$work"/yearly/*.csv.gz "${companions[@]}" "${records[@]}" --out "$work/report" --no-db --no-cache --format csv --lang en --quiet
python3 scripts/spark/compare_counts.py "$work/export-all/_counts" "$work/counts"
if diff -r "$work/report/tables" "$work/report-from-counts/tables" >/dev/null && cmp -s "$work/report/rejects.csv" "$work/report-from-counts/rejects.csv"; then
  echo "report from Spark's counts: identical tables ($(ls "$work/report/tables" | wc -l) files) and rejects.csv"
else
  echo "report from Spark's counts: DIFFERENT"; diff -rq "$work/report/tables" "$work/report-from-counts/tables"; exit 1
fi
