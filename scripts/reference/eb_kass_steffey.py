"""Reference empirical-Bayes intervals with the prior's uncertainty (issue 32,
item 5), written out with scipy, independently of the Swift code.

The beta-binomial prior is fitted by maximum likelihood (scipy.optimize on
scipy.stats.betabinom's log-pmf); the observed information is the numerical
Hessian (central differences) of that log-likelihood; the interval is the
beta distribution with the Kass–Steffey (1989) mean and variance
(posterior variance + gᵀ I⁻¹ g), widened to the pooled rate's Wilson width
when narrower.

Run:  /tmp/refenv/bin/pip install scipy numpy
      /tmp/refenv/bin/python scripts/reference/eb_kass_steffey.py
The output is pasted into Tests/QualityIndicatorsTests/EmpiricalBayesIntervalTests.swift.
"""
import math
import numpy as np, scipy
from scipy import optimize, stats

units = [(88, 100), (45, 50), (190, 200), (70, 90), (29, 30), (120, 150), (9, 12), (300, 320), (55, 70), (18, 20)]
x = np.array([u[0] for u in units], float); n = np.array([u[1] for u in units], float)

def ll(theta):
    a, b = theta
    return float(np.sum(stats.betabinom.logpmf(x, n, a, b)))

res = optimize.minimize(lambda t: -ll(np.exp(t)), x0=np.log([20.0, 3.0]), method="Nelder-Mead",
                        options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 100000})
res = optimize.minimize(lambda t: -ll(np.exp(t)), x0=res.x, method="BFGS", options={"gtol": 1e-10})
a0, b0 = np.exp(res.x)

def hessian(f, t, h=1e-4):
    H = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            e = np.zeros(2); e[i] = h * t[i]
            d = np.zeros(2); d[j] = h * t[j]
            H[i, j] = (f(t + e + d) - f(t + e - d) - f(t - e + d) + f(t - e - d)) / (4 * e[i] * d[j])
    return H

I = -hessian(ll, np.array([a0, b0]))
Iinv = np.linalg.inv(I)
X, N = x.sum(), n.sum()
z = stats.norm.ppf(0.975)
c = (X + z * z / 2) / (N + z * z); h = z / (N + z * z) * math.sqrt(X * (N - X) / N + z * z / 4)
floor = 2 * h
print(f"// scipy {scipy.__version__}: alpha0 {a0!r}, beta0 {b0!r}; (x, n, rate, low, high)")
for xi, ni in units:
    a, b = a0 + xi, b0 + ni - xi
    s = a + b
    mean = a / s
    var = a * b / (s * s * (s + 1))
    g = np.array([b / s**2, -a / s**2])
    var += g @ Iinv @ g
    k = mean * (1 - mean) / var - 1
    lo, hi = stats.beta.ppf(0.025, mean * k, (1 - mean) * k), stats.beta.ppf(0.975, mean * k, (1 - mean) * k)
    if hi - lo < floor:
        lo, hi = mean - floor / 2, mean + floor / 2
        if lo < 0: hi -= lo; lo = 0
        if hi > 1: lo -= hi - 1; hi = 1
    print(f"({int(xi)}, {int(ni)}, {mean!r}, {lo!r}, {hi!r}),")
