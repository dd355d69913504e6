"""Reference values for empirical Bayes at its edges (issue 13), from scipy
and mpmath, independently of the Swift code.

Run:  python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install scipy numpy mpmath
      /tmp/refenv/bin/python scripts/reference/eb_edges.py
The output is pasted into Tests/QualityIndicatorsTests/MethodReferenceTests.swift.

(a) Barely overdispersed siblings: the beta-binomial likelihood is nearly
flat in the prior strength. The maximum is found by scipy's bounded scalar
search on the profile likelihood in log strength (the mean maximised for
each strength with brentq on its score), then the two score equations are
solved in 50-digit arithmetic (mpmath.findroot) and the gradient there
printed, so the point is the maximum, not where a step became small.
(b) Tarone's score, exactly 0 in rational arithmetic (fractions).
"""
from fractions import Fraction
import mpmath as mp
import numpy as np
import scipy
from scipy import optimize, special, stats

mp.mp.dps = 50
print(f"// scipy {scipy.__version__}, mpmath {mp.__version__}")


def tarone(units):
    X = sum(Fraction(u[0]) for u in units); N = sum(Fraction(u[1]) for u in units); p = X / N
    return sum((x - n * p) ** 2 - n * p * (1 - p) for x, n in units)


def fit(units):
    x = np.array([u[0] for u in units], float); n = np.array([u[1] for u in units], float)

    def ll(a, b):
        return np.sum(special.betaln(x + a, n - x + b) - special.betaln(a, b))

    def best_mean(k):
        h = lambda m: np.sum(special.digamma(x + m * k) - special.digamma(m * k)) - np.sum(special.digamma(n - x + (1 - m) * k) - special.digamma((1 - m) * k))
        return optimize.brentq(h, 1e-12, 1 - 1e-12, xtol=1e-15)

    prof = lambda t: -ll(best_mean(np.exp(t)) * np.exp(t), (1 - best_mean(np.exp(t))) * np.exp(t))
    t = optimize.minimize_scalar(prof, bounds=(-5, 20), method="bounded", options=dict(xatol=1e-10)).x
    k = np.exp(t); m = best_mean(k)
    xs = [mp.mpf(v) for v in x]; ns = [mp.mpf(v) for v in n]

    def score(a, b):
        return [sum(mp.digamma(xi + a) - mp.digamma(ni + a + b) - mp.digamma(a) + mp.digamma(a + b) for xi, ni in zip(xs, ns)),
                sum(mp.digamma(ni - xi + b) - mp.digamma(ni + a + b) - mp.digamma(b) + mp.digamma(a + b) for xi, ni in zip(xs, ns))]

    a, b = mp.findroot(score, (mp.mpf(m * k), mp.mpf((1 - m) * k)), tol=mp.mpf(10) ** -30, maxsteps=200)
    g = score(a, b)
    return float(a), float(b), float(max(abs(g[0]), abs(g[1])))


siblings = [(6, 8), (8, 9), (6, 7), (11, 11), (12, 13), (10, 10), (11, 14), (9, 9)]
print(f"// (a) siblings {siblings}: Tarone score {float(tarone(siblings))!r}")
a, b, g = fit(siblings)
print(f"// alpha, beta, |gradient| at the root: ({a!r}, {b!r}), {g:.1e}")
for xi, ni in siblings:
    A, B = a + xi, b + ni - xi
    print(f"({xi}, {ni}, {A / (A + B)!r}, {float(stats.beta.ppf(0.025, A, B))!r}, {float(stats.beta.ppf(0.975, A, B))!r}),")
six = [(1, 1)] * 5 + [(0, 1)]
print(f"// (b) six counties, one batch each, five passed: Tarone score {tarone(six)} (exact); pooled {5/6!r}")
mixed = [(0, 2), (2, 2), (3, 3), (0, 4), (5, 5)]
print(f"// (c) {mixed}: Tarone score {tarone(mixed)} > 0, every rate 0 or 1")
xs = np.array([u[0] for u in mixed], float); ns = np.array([u[1] for u in mixed], float)
for k in [10.0, 1.0, 0.1, 0.01, 0.001]:
    m = xs.sum() / ns.sum()  # the log-likelihood keeps rising as the strength falls
    print(f"//   strength {k}: log-likelihood at the pooled mean {float(np.sum(special.betaln(xs + m * k, ns - xs + (1 - m) * k) - special.betaln(m * k, (1 - m) * k)))!r}")

# (d) Sibling counties of one city and year in a generated history (1M batches,
# default seed): overdispersed, a finite maximum at a moderate strength.
for name, units in [("Shijiazhuang 2011", [(9, 12), (13, 15), (21, 24), (20, 20), (15, 17), (20, 22), (27, 30), (34, 35), (26, 30), (29, 29), (28, 29),
                                           (16, 17), (15, 17), (31, 32), (19, 22), (25, 26), (26, 26), (10, 12), (20, 22), (18, 19), (15, 18), (13, 15)]),
                    ("Jining 2013", [(16, 17), (25, 25), (28, 33), (14, 14), (14, 19), (18, 18), (21, 24), (12, 14), (15, 16), (9, 13), (21, 21)])]:
    a, b, g = fit(units)
    print(f"// (d) {name}: Tarone {float(tarone(units))!r}; alpha, beta ({a!r}, {b!r}), |gradient| {g:.1e}")
    for xi, ni in units[:3]:
        A, B = a + xi, b + ni - xi
        print(f"({xi}, {ni}, {A / (A + B)!r}, {float(stats.beta.ppf(0.025, A, B))!r}, {float(stats.beta.ppf(0.975, A, B))!r}),")
