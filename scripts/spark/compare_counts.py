"""Compares count tables written by Spark (directories of CSV parts) with
qindex's own tables (tables/*.csv of a report on the same input).

    python3 scripts/spark/compare_counts.py COUNTS_DIR REPORT_TABLES_DIR
Prints one line per count table and exits 1 on any difference.
"""
import csv, glob, os, sys

counts, tables = sys.argv[1], sys.argv[2]
pairs = [("counts_year", "pass_rate_by_year", None, None), ("counts_level", "pass_rate_by_level", "level", None),
         ("counts_channel", "pass_rate_by_channel", "channel", None), ("counts_enterprise_size", "pass_rate_by_enterprise_size", "enterprise_size", None),
         ("counts_product", "pass_rate_by_product", "product_code", None), ("counts_agency", "pass_rate_by_agency", "testing_agency", None),
         ("counts_province", "pass_rate_by_region", "region_code", "province")]
fields = ["batches_sampled", "passed", "failed", "enterprises_tested", "enterprises_passed"]
bad = 0
for table, own, key, level in pairs:
    rows = []
    path = os.path.join(counts, table)
    files = sorted(glob.glob(os.path.join(path, "*.csv"))) if os.path.isdir(path) else [path + ".csv"]
    for f in files:
        with open(f, encoding="utf-8") as h:
            for r in csv.DictReader(h):
                rows.append(tuple([r["year"], (r["key"] or "").strip('"')] + [r[c] for c in fields]))
    with open(os.path.join(tables, own + ".csv"), encoding="utf-8-sig") as h:
        mine = [tuple([r["year"], r[key] if key else ""] + [r[c] for c in fields])
                for r in csv.DictReader(h) if level is None or r["region_level"] == level]
    same = sorted(rows) == sorted(mine)
    bad += not same
    print(f"{table}: {len(rows)} rows, {'equal to' if same else 'DIFFERENT from'} {own}.csv")
sys.exit(1 if bad else 0)
