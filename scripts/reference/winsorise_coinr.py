"""Reference values for qindex's outlier treatment (issue 13): COINr's
winsorise() and check_SkewKurt() (COINr R/treat.R) written out in numpy.

Run:  python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install numpy
      /tmp/refenv/bin/python scripts/reference/winsorise_coinr.py
The output is pasted into Tests/QualityIndicatorsTests/CompositeIndexTests.swift.

COINr: while the vector fails (|skew| >= 2 and kurtosis >= 3.5) and fewer
than winmax points are winsorised, replace every point at the extreme on the
side of the skew (skew >= 0: the maximum) by the next value; the count is
the number of points at that extreme now, i.e. the distinct points changed.
If it still fails, Treat() log-transforms the ORIGINAL values instead
(log_CT: log(x - min + 0.01 * range)).
"""
import numpy as np


def skew(x):  # e1071 type 2, as COINr's skew()
    x = np.asarray(x, float); n = len(x); d = x - x.mean()
    return np.sqrt(n) * np.sum(d**3) / np.sum(d**2) ** 1.5 * np.sqrt(n * (n - 1)) / (n - 2)


def kurt(x):  # e1071 type 2, as COINr's kurt()
    x = np.asarray(x, float); n = len(x); d = x - x.mean()
    r = n * np.sum(d**4) / np.sum(d**2) ** 2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


def passes(x):
    return abs(skew(x)) < 2 or kurt(x) < 3.5


def winsorise(x, winmax=5):
    x = np.array(x, float); nwin = 0
    imax = imin = np.array([], int)
    while not passes(x) and nwin < winmax:
        if skew(x) >= 0:
            imax = np.where(x == x.max())[0]; x[imax] = np.delete(x, imax).max()
        else:
            imin = np.where(x == x.min())[0]; x[imin] = np.delete(x, imin).min()
        nwin = len(imax) + len(imin)
    return x, nwin, passes(x)


def treat(x):
    x = np.asarray(x, float)
    if passes(x):
        return x, "none", 0
    w, nwin, ok = winsorise(x)
    if ok:
        return w, "winsorised", nwin
    return np.log(x - x.min() + 0.01 * (x.max() - x.min())), "log", nwin


cases = {
    "oneHigh": [1, 2, 3, 4, 5, 6, 7, 8, 9, 100],
    "tiedSteps": [1] * 17 + [2, 3, 200],
    "fourOfForty": [1] * 40 + [100, 200, 300, 400, 500, 600, 700, 800],
    # 30 values in 0-10 and four far above: COINr winsorises 4 distinct points;
    # counting 1+2+3+... would pass the limit of 5 at the third step and log-transform.
    "fourPoints": [8.3, 6.6, 6.8, 8.2, 4.3, 7.6, 8.8, 1.0, 8.5, 3.9, 4.8, 1.5, 7.0, 2.9, 8.7, 2.8, 5.6, 4.0, 6.1, 2.0,
                   1.8, 7.5, 7.5, 5.7, 9.2, 2.1, 8.5, 1.7, 9.6, 6.2, 41.1, 58.6, 49.8, 170.6],
    "beyondFive": [1] * 60 + [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000],
}
for name, x in cases.items():
    t, kind, n = treat(x)
    print(f"// {name}: {kind}, {n} point(s), skew {skew(x)!r} -> {skew(t)!r}")
    print(f"({[float(v) for v in t]!r}, \"{kind}\", {n}),")
