"""Runs a qindex count-SQL script (`qindex sql --engine spark`) in a Spark session.

    spark-submit --master yarn scripts/spark/run_sql.py counts.sql      (a cluster)
    QINDEX_SPARK_MASTER='local[*]' python scripts/spark/run_sql.py counts.sql   (local mode, pyspark)
Statements are separated by ';' at the end of a line; '--' lines are comments.
"""
import os, sys, time
from pyspark.sql import SparkSession

builder = SparkSession.builder.appName("qindex-counts")
if "QINDEX_SPARK_MASTER" in os.environ:  # run by python itself (local mode), not by spark-submit
    builder = builder.master(os.environ["QINDEX_SPARK_MASTER"]).config("spark.driver.memory", os.environ.get("QINDEX_SPARK_MEMORY", "4g"))
spark = builder.getOrCreate()
spark.sparkContext.setLogLevel("WARN")
text = open(sys.argv[1], encoding="utf-8").read()
statements = [s.strip() for s in text.split(";\n") if s.strip() and not all(l.startswith("--") for l in s.strip().splitlines())]
for s in statements:
    body = "\n".join(l for l in s.splitlines() if not l.startswith("--")).rstrip(";")
    name = next((l[3:] for l in s.splitlines() if l.startswith("-- ")), "?")
    t = time.time()
    spark.sql(body)
    print(f"spark: {name} in {time.time() - t:.2f} s", flush=True)
spark.stop()
