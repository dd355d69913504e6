"""The benchmark workload in DuckDB and Polars, and the check against qindex.

    python workload.py duckdb FILE OUTDIR
    python workload.py polars FILE OUTDIR
    python workload.py check  QINDEX_OUT DUCKDB_OUT POLARS_OUT

Workload (issue 3): load a sampling-results .csv.gz (canonical English
headers, as `qindex generate --headers en --plain` writes), merge rows of one
batch (continuation rows), and compute
  1. batch pass rate by year × province
  2. batch pass rate by year × product
  3. batch pass rate by year × county × level
  4. enterprise pass rate by year × province
Pass rate = passed / (passed + failed); refused/unlicensed/untested batches
are excluded from the denominator. Each engine writes four CSVs with counts
(tested, passed), which `check` compares with qindex's tables exactly.
"""
import csv
import os
import sys


def duckdb_run(path, out):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute(f"""
        CREATE TABLE b AS
        SELECT batch_id,
               any_value(year(CAST(sample_date AS DATE))) AS year,
               any_value(level) AS level,
               any_value(region_code) AS county,
               any_value(substr(region_code, 1, 2) || '0000') AS province,
               any_value(product_code) AS product,
               any_value(enterprise_code) AS enterprise,
               any_value(result) AS result
        FROM read_csv('{path}', header = true, all_varchar = true)
        GROUP BY batch_id""")
    tested = "sum(CASE WHEN result IN ('pass', 'fail') THEN 1 ELSE 0 END)"
    passed = "sum(CASE WHEN result = 'pass' THEN 1 ELSE 0 END)"
    queries = {
        "year_province": f"SELECT year, province, {tested} AS tested, {passed} AS passed FROM b GROUP BY ALL",
        "year_product": f"SELECT year, product, {tested} AS tested, {passed} AS passed FROM b GROUP BY ALL",
        "year_county_level": f"SELECT year, county, level, {tested} AS tested, {passed} AS passed FROM b GROUP BY ALL",
        "enterprise_year_province": f"""
            SELECT year, province, count(*) AS tested, sum(CASE WHEN failed = 0 THEN 1 ELSE 0 END) AS passed FROM (
              SELECT year, province, enterprise, sum(CASE WHEN result = 'fail' THEN 1 ELSE 0 END) AS failed
              FROM b WHERE result IN ('pass', 'fail') AND enterprise IS NOT NULL GROUP BY ALL) GROUP BY ALL""",
    }
    for name, q in queries.items():
        con.execute(f"COPY ({q}) TO '{out}/{name}.csv' (HEADER)")


def polars_run(path, out):
    import polars as pl
    s = pl.read_csv(path, infer_schema_length=0)  # all columns as text
    b = s.group_by("batch_id").agg(
        pl.col("sample_date").first().str.slice(0, 4).cast(pl.Int32).alias("year"),
        pl.col("level").first(),
        pl.col("region_code").first().alias("county"),
        (pl.col("region_code").first().str.slice(0, 2) + "0000").alias("province"),
        pl.col("product_code").first().alias("product"),
        pl.col("enterprise_code").first().alias("enterprise"),
        pl.col("result").first(),
    )
    tested = pl.col("result").is_in(["pass", "fail"]).sum().alias("tested")
    passed = (pl.col("result") == "pass").sum().alias("passed")
    b.group_by(["year", "province"]).agg(tested, passed).write_csv(f"{out}/year_province.csv")
    b.group_by(["year", "product"]).agg(tested, passed).write_csv(f"{out}/year_product.csv")
    b.group_by(["year", "county", "level"]).agg(tested, passed).write_csv(f"{out}/year_county_level.csv")
    e = (b.filter(pl.col("result").is_in(["pass", "fail"]) & pl.col("enterprise").is_not_null())
          .group_by(["year", "province", "enterprise"]).agg((pl.col("result") == "fail").sum().alias("failed")))
    e.group_by(["year", "province"]).agg(pl.len().alias("tested"), (pl.col("failed") == 0).sum().alias("passed")) \
     .write_csv(f"{out}/enterprise_year_province.csv")


def read(path, keys, tested="tested", passed="passed", where=None):
    out = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if where and not where(r):
                continue
            t, p = int(r[tested]), int(r[passed])
            if t == 0:
                continue
            out[tuple(r[k] for k in keys)] = (t, p)
    return out


def check(qdir, ddir, pdir):
    t = f"{qdir}/tables"
    q = {
        "year_province": read(f"{t}/pass_rate_by_region.csv", ["year", "region_code"], "batches_tested", "passed",
                              lambda r: r["region_level"] == "province"),
        "year_product": read(f"{t}/pass_rate_by_product.csv", ["year", "product_code"], "batches_tested", "passed"),
        "year_county_level": read(f"{t}/pass_rate_by_region_level.csv", ["year", "region_code", "level"], "batches_tested", "passed"),
        "enterprise_year_province": read(f"{t}/pass_rate_by_region.csv", ["year", "region_code"], "enterprises_tested",
                                         "enterprises_passed", lambda r: r["region_level"] == "province"),
    }
    keys = {"year_province": ["year", "province"], "year_product": ["year", "product"],
            "year_county_level": ["year", "county", "level"], "enterprise_year_province": ["year", "province"]}
    ok = True
    for name, want in q.items():
        for engine, d in (("duckdb", ddir), ("polars", pdir)):
            got = read(f"{d}/{name}.csv", keys[name])
            same = got == want
            ok &= same
            print(f"  {name:26s} {engine:7s} {'agrees' if same else 'DIFFERS'} ({len(got)} groups, qindex {len(want)})")
    return ok


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "duckdb":
        duckdb_run(sys.argv[2], sys.argv[3])
    elif cmd == "polars":
        polars_run(sys.argv[2], sys.argv[3])
    elif cmd == "check":
        sys.exit(0 if check(*sys.argv[2:5]) else 1)
