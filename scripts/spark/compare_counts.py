"""Compares two folders of count tables, table by table: qindex's own
(`_counts/` of `qindex export`) against an engine's (`qindex sql` run on
DuckDB: NAME.csv; on Spark: NAME/part-*.csv). Rows are compared as
multisets of their fields (engines order and quote differently; a field
the engine wrote as "" and one left empty are both the empty text). The
tables compared are the ones in the first folder, so nothing is listed here.

    python3 scripts/spark/compare_counts.py QINDEX_COUNTS ENGINE_COUNTS
Prints one line per table and exits 1 on any difference or missing table.
"""
import csv, glob, os, sys


def rows(folder, table):
    path = os.path.join(folder, table)
    files = sorted(glob.glob(os.path.join(path, "*.csv"))) if os.path.isdir(path) else [path + ".csv"]
    out, header = [], None
    for f in files:
        if not os.path.exists(f) or os.path.getsize(f) == 0:
            continue
        with open(f, encoding="utf-8", newline="") as h:
            r = csv.reader(h)
            head = next(r)
            header = header or head
            if head != header:
                raise SystemExit(f"{f}: columns {head} differ from {header}")
            out += [tuple(row) for row in r]
    return header, sorted(out)


mine, theirs = sys.argv[1], sys.argv[2]
tables = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(mine, "counts_*.csv")))
if not tables:
    raise SystemExit(f"no count tables in {mine}")
bad = 0
for t in tables:
    h1, a = rows(mine, t)
    h2, b = rows(theirs, t)
    same = h1 == h2 and a == b
    bad += not same
    detail = "" if same else f" (columns {h1 == h2}, {len(a)} vs {len(b)} rows, first difference: {next((x for x in zip(a, b) if x[0] != x[1]), None)})"
    print(f"{t}: {len(a)} rows, {'equal' if same else 'DIFFERENT'}{detail}")
sys.exit(1 if bad else 0)
