"""Reference values for qindex's interval and test code, from statsmodels.

Run:  python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install statsmodels
      /tmp/refenv/bin/python scripts/reference/proportions.py
The output is pasted into Tests/QualityIndicatorsTests/StatisticsTests.swift.
"""
import statsmodels
from statsmodels.stats.proportion import proportion_confint, proportions_ztest
from scipy.stats import norm

print(f"// statsmodels {statsmodels.__version__}")
print("// Wilson 95%: (x, n, low, high)")
for x, n in [(0, 10), (10, 10), (1, 20), (17, 20), (687, 5573), (4886, 5573), (17613, 19440), (95, 100), (999, 1000), (1, 1)]:
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    print(f"({x}, {n}, {lo!r}, {hi!r}),")
print("// two-proportion z-test, pooled: (x1, n1, x2, n2, z, p)")
for x1, n1, x2, n2 in [(1099, 1224, 1093, 1192), (90, 100, 80, 100), (4886, 5573, 17613, 19440), (5, 10, 6, 12), (930, 1000, 913, 1000)]:
    z, p = proportions_ztest([x1, x2], [n1, n2])
    print(f"({x1}, {n1}, {x2}, {n2}, {z!r}, {p!r}),")
print("// normal CDF")
for v in [-3.0, -1.959963984540054, 0.0, 0.5, 2.3263478740408408]:
    print(f"({v!r}, {norm.cdf(v)!r}),")
from scipy.stats import fisher_exact
print("// Fisher exact, two-sided, on [[x1, n1-x1], [x2, n2-x2]]: (x1, n1, x2, n2, p)")
for x1, n1, x2, n2 in [(0, 1, 2000, 2170), (3, 20, 950, 1000), (7, 12, 2, 9), (1, 1, 1, 1), (45, 50, 1800, 2000), (17, 20, 5, 10), (0, 3, 0, 400)]:
    _, p = fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])
    print(f"({x1}, {n1}, {x2}, {n2}, {p!r}),")
print("// comparison at an expected count of exactly 5 and just below: (x1, n1, x2, n2, z-test p, Fisher p)")
for x1, n1, x2, n2 in [(64, 70, 44, 50), (46, 50, 63, 70)]:
    _, pz = proportions_ztest([x1, x2], [n1, n2])
    _, pf = fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])
    print(f"({x1}, {n1}, {x2}, {n2}, {pz!r}, {pf!r}),")
