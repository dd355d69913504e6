"""Reference counts for safety_failures.csv (issue 14 (a)), from DuckDB,
independently of the Swift code.

Run:  python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install duckdb
      qindex generate --batches 5000 --seed 5 --plain --headers en -o s5k.csv
      /tmp/refenv/bin/python scripts/reference/safety_duckdb.py s5k.csv
The output is pasted into Tests/QualitySyntheticTests/SafetyOnGeneratedHistoryTests.swift.

A batch may span several rows (one per failed item): rows are grouped by
batch_id; a tested batch (pass or fail) counts as a safety failure when any
of its failed items contains a keyword of a safety class in
datasets/reference/item-classes.csv: the exclusion phrases (class
`exclude`, such as 铅笔) taken out of the item's name, the longest keyword
it still contains decides (the first such rule on a tie).
"""
import csv, sys
import duckdb

rules = list(csv.DictReader(open("datasets/reference/item-classes.csv", encoding="utf-8")))

def safety(item):
    for r in rules:
        if r["class"] == "exclude":
            item = item.replace(r["keyword"], "\x1f")
    best = None
    for r in rules:
        if r["class"] != "exclude" and r["keyword"] in item and (best is None or len(r["keyword"]) > len(best["keyword"])):
            best = r
    return best is not None and best["safety"] == "yes"

con = duckdb.connect()
con.create_function("is_safety", safety, ["VARCHAR"], "BOOLEAN")
rows = con.execute(f"""
    WITH items AS (
        SELECT batch_id, any_value(sample_date) AS d, any_value(result) AS result,
               list(failed_items) AS lists
        FROM read_csv('{sys.argv[1]}', all_varchar = true) GROUP BY batch_id),
    flagged AS (
        SELECT year(CAST(d AS DATE)) AS y, result,
               coalesce(list_bool_or(list_transform(flatten(list_transform(lists, lambda x: string_split(coalesce(x, ''), '；'))),
                                                    lambda i: is_safety(i))), false) AS hit
        FROM items)
    SELECT y, count(*) FILTER (WHERE result IN ('pass', 'fail')) AS tested,
              count(*) FILTER (WHERE result = 'fail' AND hit) AS safety_failed
    FROM flagged GROUP BY y ORDER BY y""").fetchall()
print(f"// duckdb {duckdb.__version__}: (year, tested, safety_failed)")
for y, t, s in rows:
    print(f"({y}, {t}, {s}),")
