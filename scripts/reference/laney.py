"""Reference values for Laney's p' chart (issue 17).

Run:  python3 scripts/reference/laney.py   (numpy and scipy)
The output is pasted into Tests/QualityIndicatorsTests/LaneyChartTests.swift.
Written from D. B. Laney, "Improved control charts for attributes",
Quality Engineering 14(4):531-537 (2002), independently of the Swift code:
  p-bar = sum x / sum n;  sigma_i = sqrt(p-bar (1 - p-bar) / n_i);
  z_i = (p_i - p-bar) / sigma_i;  MR-bar = mean |z_i - z_(i-1)|;
  sigma_z = MR-bar / 1.128;  limits p-bar +/- 3 sigma_z sigma_i (clipped to [0, 1]).
Pearson chi-square of homogeneity: sum z_i^2 on k - 1 df (scipy's chi2.sf).
"""
import numpy as np, scipy
from scipy import stats

def laney(x, n):
    x, n = np.asarray(x, float), np.asarray(n, float)
    pbar = x.sum() / n.sum()
    s = np.sqrt(pbar * (1 - pbar) / n)
    z = (x / n - pbar) / s
    sz = np.abs(np.diff(z)).mean() / 1.128
    chi = (z ** 2).sum()
    return pbar, sz, chi, stats.chi2.sf(chi, len(x) - 1), np.clip(pbar - 3 * sz * s, 0, 1), np.clip(pbar + 3 * sz * s, 0, 1)

# Quarters of ~25,000 batches whose rate moves by a point or two (overdispersed),
# and small quarters drawn binomially (no overdispersion).
big_n = [24_812, 25_377, 25_090, 24_655, 25_911, 25_204, 24_980, 25_466]
big_x = [22_931, 23_587, 23_102, 22_880, 24_150, 23_260, 23_176, 23_720]
small_n = [40, 52, 47, 38, 55, 61, 44, 49]
small_x = [37, 48, 43, 35, 51, 56, 41, 45]
print(f"// scipy {scipy.__version__}, numpy {np.__version__}")
for name, x, n in [("big", big_x, big_n), ("small", small_x, small_n)]:
    pbar, sz, chi, p, lcl, ucl = laney(x, n)
    print(f"// {name}: pbar, sigma_z, chi2, p, then (lcl, ucl) of each period")
    print(f"({float(pbar)!r}, {float(sz)!r}, {float(chi)!r}, {float(p)!r}),")
    print("[" + ", ".join(f"({float(a)!r}, {float(b)!r})" for a, b in zip(lcl, ucl)) + "],")
