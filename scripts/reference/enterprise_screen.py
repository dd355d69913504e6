"""Reference screen of repeat-failing enterprises (issue 32, item 4), from
DuckDB and scipy, independently of the Swift code.

Run:  /tmp/refenv/bin/pip install duckdb scipy
      qindex generate --batches 5000 --seed 5 --plain --headers en -o s5k.csv
      /tmp/refenv/bin/python scripts/reference/enterprise_screen.py s5k.csv
The output is pasted into Tests/QualitySyntheticTests/EnterpriseScreenTests.swift.

A batch may span several rows (one per failed item): rows are grouped by
batch_id. An enterprise is its credit code (its name where it has none).
For each enterprise with two or more failed batches: O = its failed
batches, E = Σ over its tested batches of the failure rate of the batch's
product in the batch's year (failed ÷ tested batches of that product and
year, all enterprises), p = P(X ≥ O) for X ~ Poisson(E) (scipy
poisson.sf(O − 1, E)).
"""
import sys
import duckdb
from scipy.stats import poisson

con = duckdb.connect()
rows = con.execute(f"""
    WITH b AS (
        SELECT batch_id, year(CAST(any_value(sample_date) AS DATE)) AS y,
               coalesce(any_value(enterprise_code), any_value(enterprise_name)) AS e,
               coalesce(any_value(product_code), '') AS p, any_value(result) AS result
        FROM read_csv('{sys.argv[1]}', all_varchar = true) GROUP BY batch_id),
    t AS (SELECT * FROM b WHERE result IN ('pass', 'fail')),
    rate AS (SELECT y, p, count(*) FILTER (WHERE result = 'fail') / count(*) AS r FROM t GROUP BY y, p),
    repeaters AS (SELECT e FROM t WHERE e IS NOT NULL GROUP BY e HAVING count(*) FILTER (WHERE result = 'fail') >= 2)
    SELECT t.e, count(*) AS tested, count(*) FILTER (WHERE result = 'fail') AS o, sum(rate.r) AS expected
    FROM t JOIN repeaters USING (e) JOIN rate USING (y, p)
    GROUP BY t.e ORDER BY t.e""").fetchall()
out = sorted(((e, n, o, x, float(poisson.sf(o - 1, x))) for e, n, o, x in rows), key=lambda r: (r[4], r[0]))
print(f"// duckdb {duckdb.__version__}, scipy: (enterprise, tested, failures, expected, p), by p; {len(out)} enterprises")
for e, n, o, x, p in out:
    print(f'("{e}", {n}, {o}, {x!r}, {p!r}),')
