"""Helpers shared by the scripts that compute expected values independently
(scripts/expected_*.py). Run those with Debian's /usr/bin/python3."""
import mpmath
import numpy as np
from scipy import stats

mpmath.mp.dps = 40


def rel_err(x, y):
    return abs(x - y) / max(abs(y), 1e-300)


def t_quantile(p, df):
    """Student t quantile (p > 0.5) at 40 digits: solve the upper tail
    I_x(df/2, 1/2)/2 = 1 - p, x = df/(df+t^2); the tail form keeps the last
    digit that 1 - I_x/2 = p loses. scipy 1.10's t.ppf / t.isf are off by up
    to 2e-9 relative at small or fractional df; this is the reference."""
    df = mpmath.mpf(df)
    tail = 1 - mpmath.mpf(repr(p))  # the decimal 0.975, not the nearest double

    def upper(t):
        return mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t),
                              regularized=True) / 2

    return mpmath.findroot(lambda t: upper(t) - tail,
                           mpmath.mpf(stats.t.isf(float(tail), float(df))))


def items(df):
    """Rating columns of a Forms-style export by their numbering:
    "1.4. I feel ..." -> {"1.4": answers as floats}."""
    return {c.split(". ", 1)[0]: df[c].to_numpy(float) for c in df.columns
            if c[:1].isdigit() and ". " in c}


def change_figures(x, y):
    """Earlier x, later y: mean_from, mean_to, delta, Welch 95% CI (lo, hi),
    Welch p, Mann-Whitney p (asymptotic, continuity corrected) and Cliff's
    delta, each from scipy / numpy on the raw answers."""
    t = stats.ttest_ind(y, x, equal_var=False)
    u = stats.mannwhitneyu(y, x, alternative="two-sided", method="asymptotic")
    cliff = float(np.mean(np.sign(y[:, None] - x[None, :])))
    vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    df = (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
    half = float(t_quantile(0.975, df)) * np.sqrt(vx + vy)
    d = y.mean() - x.mean()
    return x.mean(), y.mean(), d, d - half, d + half, t.pvalue, u.pvalue, cliff
