"""Reference q-values for Statistics.benjaminiHochberg (issue 32, item 3),
from statsmodels, independently of the Swift code.

Run:  python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install statsmodels
      /tmp/refenv/bin/python scripts/reference/bh_statsmodels.py
The output is pasted into Tests/QualityIndicatorsTests/MultiplicityTests.swift.
"""
import statsmodels
from statsmodels.stats.multitest import multipletests

families = {
    # Benjamini & Hochberg (1995), §4.1: the 15 p-values of their worked example.
    "bh1995": [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000],
    # Unsorted, with ties and a p of exactly 1.
    "ties": [0.04, 0.01, 0.04, 0.5, 1.0, 0.01, 0.03],
    "single": [0.02],
    "all_large": [0.9, 0.8, 0.95],
}
print(f"// statsmodels {statsmodels.__version__} multipletests(method='fdr_bh'): (name, p, q)")
for name, p in families.items():
    reject, q, _, _ = multipletests(p, alpha=0.05, method="fdr_bh")
    print(f'("{name}", {p}, {[float(x) for x in q]}, {[bool(x) for x in reject]}),')
