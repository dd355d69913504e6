"""Reference design effects of enterprises (issue 32, item 2), from a survey
package — samplics' Taylor-linearisation estimator with the enterprise as
the primary sampling unit — and from the formula written out, independently
of the Swift code.

Writes Tests/Fixtures/clustered-batches.csv (the batches, in the input
format qindex reads) and prints the expected values pasted into
Tests/QualityIndicatorsTests/DesignEffectTests.swift.

Products (one cell each, 2021; a batch without an enterprise is its own cluster):
  clustered    60 enterprises, 1–30 batches each, each enterprise's pass
               probability drawn from Beta(4, 0.6): strong within-enterprise
               correlation (deff well above 1);
  independent  300 enterprises, 1–6 batches each, every batch passing with
               probability 0.9 on its own: deff ≈ 1;
  single       150 enterprises with one batch each: deff exactly 1;
  mixed        20 enterprises, 2–12 batches each, plus 25 batches without an
               enterprise;
  one          one enterprise, 40 batches: undefined (one cluster);
  allpass      30 enterprises, every batch passed: undefined (no variance).

Run:  /tmp/refenv/bin/pip install samplics numpy
      /tmp/refenv/bin/python scripts/reference/design_effect.py
"""
import csv, datetime, os, sys, warnings
import numpy as np
warnings.filterwarnings("ignore")
from samplics.estimation import TaylorEstimator
from samplics.utils.types import PopParam

rng = np.random.default_rng(20261207)
rows = []  # (product, enterprise or "", passed 0/1)

def add(product, enterprise, outcomes):
    for y in outcomes:
        rows.append((product, enterprise, int(y)))

for e in range(60):
    p = rng.beta(4, 0.6)
    add("clustered", f"C{e:03d}", rng.random(int(rng.integers(1, 31))) < p)
for e in range(300):
    add("independent", f"I{e:03d}", rng.random(int(rng.integers(1, 7))) < 0.9)
for e in range(150):
    add("single", f"S{e:03d}", rng.random(1) < 0.85)
for e in range(20):
    p = rng.beta(3, 1)
    add("mixed", f"M{e:03d}", rng.random(int(rng.integers(2, 13))) < p)
add("mixed", "", rng.random(25) < 0.8)
add("one", "O000", rng.random(40) < 0.7)
for e in range(30):
    add("allpass", f"A{e:03d}", np.ones(int(rng.integers(1, 5))))

here = os.path.dirname(os.path.abspath(__file__))
fixture = os.path.join(here, "..", "..", "Tests", "Fixtures", "clustered-batches.csv")
with open(fixture, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["batch_id", "sample_date", "level", "region_code", "product_name", "result", "enterprise_name", "channel"])
    day = datetime.date(2021, 1, 1)
    for i, (product, enterprise, y) in enumerate(rows):
        d = day + datetime.timedelta(days=i % 360)
        w.writerow([f"B{i:05d}", d.isoformat(), "provincial", "450102", product, "pass" if y else "fail", enterprise, "production"])

def formula(ys, clusters):
    """deff written out: C/(C−1)·Σ(y_c − r·m_c)²/n² ÷ r(1−r)/(n−1)."""
    ys = np.asarray(ys, float); n = len(ys); r = ys.mean()
    ids = sorted(set(clusters))
    yc = np.array([ys[[c == k for c in clusters]].sum() for k in ids])
    mc = np.array([sum(1 for c in clusters if c == k) for k in ids], float)
    C = len(ids)
    if C < 2 or r in (0.0, 1.0):
        return None
    v = C / (C - 1) * np.sum((yc - r * mc) ** 2) / n ** 2
    return v / (r * (1 - r) / (n - 1))

def survey(ys, clusters):
    """samplics: Taylor linearisation, enterprise as PSU, on the cell's own batches."""
    ys = np.asarray(ys, float); r = ys.mean(); n = len(ys)
    if len(set(clusters)) < 2 or r in (0.0, 1.0):
        return None
    est = TaylorEstimator(PopParam.mean)
    est.estimate(y=ys, psu=np.array(clusters))
    return est.variance / (r * (1 - r) / (n - 1))

print("// Pasted from scripts/reference/design_effect.py (samplics", __import__("samplics").__version__ + ").")
print("// (product, tested, passed, clusters, deff from samplics, deff from the formula written out)")
for product in ["clustered", "independent", "single", "mixed", "one", "allpass", ""]:
    sel = [r for r in rows if product == "" or r[0] == product]
    ys = [r[2] for r in sel]
    # A batch without an enterprise is a cluster of its own.
    clusters = [r[1] if r[1] else f"batch{i}" for i, r in enumerate(sel)]
    s, f = survey(ys, clusters), formula(ys, clusters)
    if s is not None and abs(s - f) > 1e-9 * max(1, abs(f)):
        sys.exit(f"samplics and the formula disagree for {product}: {s} vs {f}")
    fmt = lambda v: "nil" if v is None else repr(float(v))
    print(f'("{product}", {len(ys)}, {int(sum(ys))}, {len(set(clusters))}, {fmt(s)}, {fmt(f)}),')
