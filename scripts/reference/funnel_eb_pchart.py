"""Reference values for qindex's distributions, intervals, funnel limits,
overdispersion, empirical-Bayes shrinkage and p-chart (issue 4).

Run:  python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install statsmodels scipy numpy
      /tmp/refenv/bin/python scripts/reference/funnel_eb_pchart.py
The output is pasted into Tests/QualityIndicatorsTests/MethodReferenceTests.swift.
Each formula below is written from its publication, independently of the
Swift code; scipy/statsmodels supply the distributions and the optimiser.
"""
import numpy as np, scipy, statsmodels
from scipy import stats, special, optimize
from statsmodels.stats.proportion import proportion_confint

print(f"// scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}")
print("// normal quantile: (p, x)")
for p in [1e-10, 0.001, 0.0125, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999, 1 - 1e-9]:
    print(f"({float(p)!r}, {float(stats.norm.ppf(p))!r}),")
print("// regularized incomplete beta: (x, a, b, I)")
for x, a, b in [(0.3, 2.0, 5.0), (0.9, 30.5, 2.5), (0.0701, 70000.0, 930001.0), (0.5, 0.5, 0.5), (0.999, 1000.0, 1.0)]:
    print(f"({float(x)!r}, {float(a)!r}, {float(b)!r}, {float(special.betainc(a, b, x))!r}),")
print("// beta quantile: (p, a, b, x)")
for p, a, b in [(0.025, 2.0, 5.0), (0.975, 17.5, 3.5), (0.025, 9300.5, 700.5), (0.5, 0.5, 0.5), (0.999, 1.0, 30.0)]:
    print(f"({float(p)!r}, {float(a)!r}, {float(b)!r}, {float(stats.beta.ppf(p, a, b))!r}),")
print("// binomial CDF: (k, n, p, F)")
for k, n, p in [(3, 10, 0.3), (90, 100, 0.93), (929_000, 1_000_000, 0.93), (0, 5, 0.9), (17, 20, 0.85)]:
    print(f"({k}, {n}, {float(p)!r}, {float(stats.binom.cdf(k, n, p))!r}),")
print("// binomial quantile: (q, n, p, r)")
for q, n, p in [(0.025, 100, 0.93), (0.999, 100, 0.93), (0.001, 20, 0.9), (0.975, 1_000_000, 0.93), (0.5, 7, 0.5), (0.001, 12345, 0.912)]:
    print(f"({float(q)!r}, {n}, {float(p)!r}, {int(stats.binom.ppf(q, n, p))}),")
print("// chi-square quantile: (p, df, x)")
for p, df in [(0.95, 1), (0.95, 13), (0.95, 99), (0.5, 2.5)]:
    print(f"({float(p)!r}, {float(df)!r}, {float(stats.chi2.ppf(p, df))!r}),")
print("// Poisson CDF and quantile: (k, mu, F), (q, mu, r)")
for k, mu in [(3, 2.5), (120, 100.0), (0, 0.2)]:
    print(f"({k}, {float(mu)!r}, {float(stats.poisson.cdf(k, mu))!r}),")
for q, mu in [(0.025, 12.3), (0.999, 250.0), (0.001, 3.7)]:
    print(f"({float(q)!r}, {float(mu)!r}, {int(stats.poisson.ppf(q, mu))}),")

print("// Clopper-Pearson and Jeffreys 95% (statsmodels 'beta' and 'jeffreys'): (x, n, cpLow, cpHigh, jLow, jHigh)")
for x, n in [(1, 20), (17, 20), (4886, 5573), (95, 100), (3, 7)]:
    cl, ch = proportion_confint(x, n, alpha=0.05, method="beta")
    jl, jh = proportion_confint(x, n, alpha=0.05, method="jeffreys")
    print(f"({x}, {n}, {float(cl)!r}, {float(ch)!r}, {float(jl)!r}, {float(jh)!r}),")

def exact_limit(q, n, p0):
    # Spiegelhalter (2005), Statistics in Medicine 24:1185, eq. for exact binomial limits with interpolation
    r = stats.binom.ppf(q, n, p0)
    F = stats.binom.cdf(r, n, p0); Fm = stats.binom.cdf(r - 1, n, p0)
    a = (F - q) / (F - Fm)
    return (r - a) / n

print("// exact binomial funnel limits: (n, p0, q, limit)")
for n, p0, q in [(20, 0.9, 0.001), (20, 0.9, 0.999), (250, 0.93, 0.025), (250, 0.93, 0.975), (5000, 0.912, 0.001), (5000, 0.912, 0.999)]:
    print(f"({n}, {float(p0)!r}, {float(q)!r}, {float(exact_limit(q, n, p0))!r}),")

def funnel(units, p0, additive):
    x = np.array([u[0] for u in units], float); n = np.array([u[1] for u in units], float)
    y = x / n; s = np.sqrt(p0 * (1 - p0) / n); z = (y - p0) / s
    lo, hi = np.percentile(z, [10, 90])  # type 7
    zw = np.clip(z, lo, hi)
    I = len(z); phi = float(np.mean(zw ** 2))
    over = I * phi > stats.chi2.ppf(0.95, I - 1)
    w = 1 / s ** 2
    tau2 = max(0.0, (I * phi - (I - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    flags = []
    for xi, yi, si, ni in zip(x, y, s, n):
        if not over:
            # exact limits: flag on the exact tail probability of the count
            up, lo_ = stats.binom.sf(xi - 1, int(ni), p0), stats.binom.cdf(xi, int(ni), p0)
            flags.append("above_998" if up < 0.001 else "below_998" if lo_ < 0.001 else "above_95" if up < 0.025 else "below_95" if lo_ < 0.025 else "within")
            continue
        if False:
            l95, h95 = exact_limit(0.025, int(ni), p0), exact_limit(0.975, int(ni), p0)
            l998, h998 = exact_limit(0.001, int(ni), p0), exact_limit(0.999, int(ni), p0)
        else:
            e = np.sqrt(si ** 2 + tau2) if additive else np.sqrt(phi) * si
            z95, z998 = stats.norm.ppf(0.975), stats.norm.ppf(0.999)
            l95, h95, l998, h998 = p0 - z95 * e, p0 + z95 * e, p0 - z998 * e, p0 + z998 * e
        f = "above_998" if yi > h998 else "below_998" if yi < l998 else "above_95" if yi > h95 else "below_95" if yi < l95 else "within"
        flags.append(f)
    return phi, bool(over), tau2, flags

cities = [(1811, 1950), (2260, 2420), (1402, 1530), (880, 930), (3105, 3390), (640, 700), (1210, 1290), (455, 520), (2990, 3160), (760, 812), (1530, 1699), (300, 321), (95, 100), (18, 20)]
p0 = sum(u[0] for u in cities) / sum(u[1] for u in cities)
for additive in [False, True]:
    phi, over, tau2, flags = funnel(cities, p0, additive)
    print(f"// funnel cities additive={additive}: p0={float(p0)!r} phi={float(phi)!r} over={over} tau2={float(tau2)!r}")
    print("// flags: " + ", ".join(flags))
calm = [(186, 200), (465, 500), (93, 100), (930, 1000), (279, 300), (46, 50), (1850, 2000), (372, 400), (50, 50), (5, 5), (80, 100)]
p0c = sum(u[0] for u in calm) / sum(u[1] for u in calm)
phi, over, tau2, flags = funnel(calm, p0c, False)
print(f"// funnel calm: p0={float(p0c)!r} phi={float(phi)!r} over={over}")
print("// flags: " + ", ".join(flags))

def eb(units):
    x = np.array([u[0] for u in units], float); n = np.array([u[1] for u in units], float)
    def nll(v):
        a, b = np.exp(v)
        return -np.sum(special.betaln(x + a, n - x + b) - special.betaln(a, b))
    r = x / n; m = r.mean(); v = r.var(ddof=1); k = m * (1 - m) / v - 1
    res = optimize.minimize(nll, [np.log(m * k), np.log((1 - m) * k)], method="Nelder-Mead", options=dict(xatol=1e-12, fatol=1e-14, maxiter=20000))
    a, b = np.exp(res.x)
    # polish: solve the score equations (digamma form) to full precision
    def score(v):
        a, b = v
        return [np.sum(special.digamma(x + a) - special.digamma(n + a + b) - special.digamma(a) + special.digamma(a + b)),
                np.sum(special.digamma(n - x + b) - special.digamma(n + a + b) - special.digamma(b) + special.digamma(a + b))]
    a, b = optimize.root(score, [a, b], tol=1e-14).x
    out = []
    for xi, ni in zip(x, n):
        A, B = a + xi, b + ni - xi
        out.append((A / (A + B), stats.beta.ppf(0.025, A, B), stats.beta.ppf(0.975, A, B)))
    return a, b, out

agencies = [(5, 5), (990, 1000), (41, 50), (170, 200), (300, 330), (12, 15), (88, 100), (460, 500), (27, 30), (700, 760)]
a, b, out = eb(agencies)
print(f"// EB agencies: alpha={float(a)!r} beta={float(b)!r}")
for (x, n), (rate, lo, hi) in zip(agencies, out):
    print(f"({x}, {n}, {float(rate)!r}, {float(lo)!r}, {float(hi)!r}),")

def pchart(periods):
    x = np.array([p[0] for p in periods], float); n = np.array([p[1] for p in periods], float)
    pbar = x.sum() / n.sum(); s = np.sqrt(pbar * (1 - pbar) / n)
    return pbar, np.clip(pbar - 3 * s, 0, 1), np.clip(pbar + 3 * s, 0, 1)
quarters = [(930, 1000), (455, 500), (1890, 2000), (610, 650), (930, 1010), (470, 500), (1850, 2000), (700, 760)]
pbar, lcl, ucl = pchart(quarters)
print(f"// p-chart: pbar={float(pbar)!r}")
for (x, n), lo, hi in zip(quarters, lcl, ucl):
    print(f"({x}, {n}, {float(lo)!r}, {float(hi)!r}),")
print("// digamma, trigamma: (x, psi, psi1)")
for x in [0.3, 1.0, 2.5, 7.25, 1234.5, 930001.0]:
    print(f"({float(x)!r}, {float(special.digamma(x))!r}, {float(special.polygamma(1, x))!r}),")
