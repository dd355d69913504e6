"""Re-test counts of Tests/Fixtures/retests.csv, computed by DuckDB as the
reference for RetestsTests: first-test failures, re-tests and overturned
results by year and testing agency (batches without an agency are the key
'', counted like any other), and the final pass rate by year.

Rules written out in SQL from docs/inputs.md: a re-test counts only after a
failing result (other rows are rejected), its value must be one of the
accepted spellings (others rejected), and the final result is the re-test's.

    /tmp/refenv/bin/python scripts/reference/retests_duckdb.py
"""
import duckdb

PASS = ["合格", "p", "符合", "pass", "passed", "复检合格", "撤销原检验结论", "撤销原结论", "改判合格", "overturned"]
FAIL = ["不合格", "f", "不符合", "fail", "failed", "复检不合格", "维持原检验结论", "维持原结论", "维持", "upheld"]

con = duckdb.connect()
con.execute("""
CREATE TABLE raw AS SELECT * FROM read_csv('Tests/Fixtures/retests.csv', header = true, all_varchar = true)
""")
con.execute(f"""
CREATE TABLE b AS
SELECT year(CAST("抽样日期" AS DATE)) AS year, "承检机构" AS agency, "产品名称" AS product,
       "检验结论" = '不合格' AS first_fail,
       CASE WHEN "复检结论" IN {tuple(PASS)} THEN 'pass' WHEN "复检结论" IN {tuple(FAIL)} THEN 'fail' END AS retest,
       "复检结论" IS NOT NULL AS has_retest
FROM raw
""")
# Rejected: a re-test value that is not accepted, or a re-test after a result that is not a failure.
con.execute("CREATE TABLE kept AS SELECT * FROM b WHERE NOT (has_retest AND (retest IS NULL OR NOT first_fail))")
print("by year and agency: year, agency, first_failures, retests, overturned")
for r in con.execute("""
SELECT year, coalesce(agency, '') AS agency, count(*) FILTER (first_fail), count(*) FILTER (has_retest), count(*) FILTER (retest = 'pass')
FROM kept GROUP BY ALL ORDER BY ALL""").fetchall():
    print(r)
print("by year: year, first_failures, retests, overturned, tested, passed (final)")
for r in con.execute("""
SELECT year, count(*) FILTER (first_fail), count(*) FILTER (has_retest), count(*) FILTER (retest = 'pass'),
       count(*), count(*) FILTER (NOT first_fail OR retest = 'pass')
FROM kept GROUP BY ALL ORDER BY ALL""").fetchall():
    print(r)
