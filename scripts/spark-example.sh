#!/usr/bin/env bash
# The path past one machine, in Spark's local mode (issue 19):
#   qindex export → spark-submit the rendered count SQL → compare with qindex's own counts.
# pyspark from PyPI in a venv of its own (.build/spark-venv), Java 17 from Debian
# (openjdk-17-jre-headless). N batches are generated (default 1,000,000).
#   scripts/spark-example.sh            N=30000 scripts/spark-example.sh      QINDEX=.build/debug/qindex …
# Against a cluster the same three commands (README):
#   qindex export … --out hdfs-staging/ ; qindex sql --engine spark --parquet hdfs:///… --out hdfs:///… > counts.sql
#   spark-submit --master yarn scripts/spark/run_sql.py counts.sql
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
echo "generate $N batches" >&2
t "$qindex" generate --batches "$N" --lang en --out "$work/sampling.csv.gz" >/dev/null
echo "export to Parquet" >&2
t "$qindex" export "$work/sampling.csv.gz" --out "$work/parquet" --no-cache --lang en
echo "render the Spark SQL" >&2
"$qindex" sql --engine spark --parquet "$(pwd)/$work/parquet" --out "$(pwd)/$work/counts" > "$work/counts.sql"
echo "Spark (local mode, pyspark; its log in $work/spark.log)" >&2
spark() { QINDEX_SPARK_MASTER="local[*]" .build/spark-venv/bin/python scripts/spark/run_sql.py "$work/counts.sql" 2>"$work/spark.log"; }
t spark
echo "qindex's own counts" >&2
t "$qindex" report "$work/sampling.csv.gz" --out "$work/report" --no-db --no-cache --format csv --lang en --quiet
python3 scripts/spark/compare_counts.py "$work/counts" "$work/report/tables"
