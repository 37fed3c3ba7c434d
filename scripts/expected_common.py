"""Helpers shared by the scripts that compute expected values independently
(scripts/expected_*.py). Run those with Debian's /usr/bin/python3."""
import mpmath
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
