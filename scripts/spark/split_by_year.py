"""Splits a generated sampling history (`qindex generate`) into one gzipped
CSV per year, as a bureau's archive comes: every row of a batch goes with
its batch, by the year in the generator's batch ids (GC2011…).

    python3 scripts/spark/split_by_year.py sampling.csv.gz OUT_DIR
Writes OUT_DIR/sampling-YYYY.csv.gz, each with the header.
"""
import gzip, os, sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
files = {}
with gzip.open(src, "rt", encoding="utf-8", newline="") as f:
    header = f.readline()
    for line in f:
        year = line[2:6]
        if year not in files:
            files[year] = gzip.open(os.path.join(out, f"sampling-{year}.csv.gz"), "wt", encoding="utf-8", newline="", compresslevel=1)
            files[year].write(header)
        files[year].write(line)
for h in files.values():
    h.close()
print(f"{len(files)} yearly files in {out}", file=sys.stderr)
