/* evidence.c - what a change can show: the minimum detectable change, the
 * p-value of the Newcombe interval, Mood's median test, and the mark of a
 * row whose interval and verdict differ.
 *
 * References:
 *  - Minimum detectable effect: Bloom (1995), Evaluation Review 19:547-556,
 *    MDE = (t(1 - alpha/2) + t(power)) * SE.
 *  - Newcombe (1998), Stat. Med. 17:873-890, method 10; its p-value here is
 *    the inversion of the interval (the alpha at which it touches 0).
 *  - Mood's median test: Mood (1950), Introduction to the Theory of
 *    Statistics, ch. 16; as scipy.stats.median_test. */
#include "tcsurvey/compare.h"
#include "tcsurvey/stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stddef.h>

bool tcs_change_mdc(const tcs_change *ch, double alpha, double power, double *mdc)
{
    *mdc = 0.0;
    if (ch->exact)
        return true;
    if (!ch->has_welch)
        return false;
    /* the Welch test's SE and df, from its t: SE = delta / t would fail at
     * delta = 0, so from the variances again */
    double s1 = ch->var_from / (double)ch->n_from, s2 = ch->var_to / (double)ch->n_to;
    if (ch->population_from > 0)
        s1 *= 1.0 - (double)ch->n_from / (double)ch->population_from;
    if (ch->population_to > 0)
        s2 *= 1.0 - (double)ch->n_to / (double)ch->population_to;
    double se = sqrt(s1 + s2), df = ch->welch_df;
    *mdc = (gsl_cdf_tdist_Pinv(1.0 - alpha / 2.0, df) + gsl_cdf_tdist_Pinv(power, df)) * se;
    return true;
}

bool tcs_change_high_mdc(const tcs_change *ch, double alpha, double power, double *mdc)
{
    *mdc = 0.0;
    if (ch->n_from < 1 || ch->n_to < 1)
        return false;
    if (ch->exact)
        return true;
    double p = (double)(ch->high_n_from + ch->high_n_to) / (double)(ch->n_from + ch->n_to);
    double inv = tcs_share_inverse_size(ch->n_from, ch->population_from) +
                 tcs_share_inverse_size(ch->n_to, ch->population_to);
    double var = p * (1.0 - p) * inv;
    if (!(var > 0.0))
        return false;
    *mdc = 100.0 * (gsl_cdf_ugaussian_Pinv(1.0 - alpha / 2.0) + gsl_cdf_ugaussian_Pinv(power)) *
           sqrt(var);
    return true;
}

/* The Newcombe limit on the side of 0, at normal quantile z, as a function
 * for the root finder: positive while the interval still excludes 0. */
typedef struct {
    const tcs_change *ch;
    double p1, p2;
} newcombe_ctx;

static double newcombe_gap(double z, void *vctx)
{
    const newcombe_ctx *c = vctx;
    const tcs_change *ch = c->ch;
    double l1, u1, l2, u2;
    tcs_wilson_limits(ch->high_n_from, ch->n_from, ch->population_from, z, &l1, &u1);
    tcs_wilson_limits(ch->high_n_to, ch->n_to, ch->population_to, z, &l2, &u2);
    double d = c->p2 - c->p1;
    if (d > 0) /* the lower limit, above 0 */
        return d - sqrt((c->p2 - l2) * (c->p2 - l2) + (u1 - c->p1) * (u1 - c->p1));
    return -(d + sqrt((u2 - c->p2) * (u2 - c->p2) + (c->p1 - l1) * (c->p1 - l1)));
}

bool tcs_change_high_p(const tcs_change *ch, double *p)
{
    *p = 1.0;
    if (ch->n_from < 1 || ch->n_to < 1)
        return false;
    newcombe_ctx c = {ch, (double)ch->high_n_from / (double)ch->n_from,
                      (double)ch->high_n_to / (double)ch->n_to};
    if (c.p1 == c.p2)
        return true;
    /* the gap shrinks as z grows (Wilson limits widen); find where it is 0 */
    gsl_function fn = {newcombe_gap, &c};
    double hi = 1.0;
    while (newcombe_gap(hi, &c) > 0.0 && hi < 64.0)
        hi *= 2.0;
    if (newcombe_gap(hi, &c) > 0.0) { /* clear beyond any z: p below 1e-300, or exact */
        *p = 0.0;
        return true;
    }
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    double z = hi;
    if (s && gsl_root_fsolver_set(s, &fn, 0.0, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 200; it++) {
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                break;
            z = gsl_root_fsolver_root(s);
            double lo = gsl_root_fsolver_x_lower(s), up = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(lo, up, 0.0, 1e-15) == GSL_SUCCESS)
                break;
        }
    } else { /* out of memory: bisect */
        double lo = 0.0, up = hi;
        for (int it = 0; it < 200; it++) {
            z = (lo + up) / 2.0;
            if (newcombe_gap(z, &c) > 0.0)
                lo = z;
            else
                up = z;
        }
    }
    gsl_root_fsolver_free(s);
    *p = fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(z));
    return true;
}

/* The pooled median of counts on one scale: the middle value, or the mean
 * of the two middle ones. */
static double pooled_median(const tcs_scale *scale, const long *from, const long *to, long n)
{
    long pooled[TCS_SCALE_POINTS_MAX];
    for (size_t k = 0; k < scale->npoints; k++)
        pooled[k] = (from[k] > 0 ? from[k] : 0) + (to[k] > 0 ? to[k] : 0);
    return tcs_median_from_counts(scale, pooled, n);
}

bool tcs_median_test(const tcs_scale *scale, const long *from, const long *to, double *p,
                     double *stat)
{
    *p = 1.0;
    if (stat)
        *stat = 0.0;
    double above[2] = {0, 0}, n[2] = {0, 0};
    long total = 0;
    for (size_t k = 0; k < scale->npoints; k++) {
        n[0] += from[k] > 0 ? (double)from[k] : 0.0;
        n[1] += to[k] > 0 ? (double)to[k] : 0.0;
        total += (from[k] > 0 ? from[k] : 0) + (to[k] > 0 ? to[k] : 0);
    }
    if (n[0] < 1 || n[1] < 1)
        return false;
    double m = pooled_median(scale, from, to, total);
    for (size_t k = 0; k < scale->npoints; k++)
        if (scale->min + (double)k > m) { /* ties with the median count as below */
            above[0] += from[k] > 0 ? (double)from[k] : 0.0;
            above[1] += to[k] > 0 ? (double)to[k] : 0.0;
        }
    double all = n[0] + n[1], rows[2] = {above[0] + above[1], all - above[0] - above[1]};
    if (rows[0] == 0.0 || rows[1] == 0.0)
        return false;
    double chi2 = 0.0;
    for (int r = 0; r < 2; r++)
        for (int c = 0; c < 2; c++) {
            double o = r == 0 ? above[c] : n[c] - above[c];
            double e = rows[r] * n[c] / all;
            /* Yates: move each count towards its expectation by at most 1/2 */
            double d = e - o, mag = fmin(0.5, fabs(d));
            o += d > 0 ? mag : d < 0 ? -mag : 0.0;
            chi2 += (o - e) * (o - e) / e;
        }
    if (stat)
        *stat = chi2;
    *p = gsl_cdf_chisq_Q(chi2, 1.0);
    return true;
}

/* ---- marks ---- */

const char tcs_clear_change_rule[] =
    "A verdict rests on its test adjusted for the comparisons made together "
    "(Benjamini-Hochberg q below alpha); the interval beside it is the unadjusted 95% "
    "interval, and a row where the two differ is marked.";

const char *tcs_mark_name(tcs_mark m)
{
    switch (m) {
    case TCS_MARK_ADJUSTED: return "adjusted";
    case TCS_MARK_TESTS_DIFFER: return "tests_differ";
    default: return NULL;
    }
}

const char *tcs_mark_text(tcs_mark m)
{
    switch (m) {
    case TCS_MARK_ADJUSTED:
        return "the interval excludes 0 and the test alone would call the change, but not "
               "after allowing for the number of comparisons made together";
    case TCS_MARK_TESTS_DIFFER:
        return "the interval and the verdict's test disagree: the verdict rests on another "
               "test (the rank test, on the whole spread of answers), or on an alpha other "
               "than the interval's 5%";
    default: return "";
    }
}

tcs_mark tcs_mark_of(bool has_interval, double lo, double hi, tcs_verdict v, bool has_p,
                     double p, double alpha)
{
    if (!has_interval)
        return TCS_MARK_NONE; /* nothing printed to disagree with */
    bool excludes = lo > 0.0 || hi < 0.0;
    bool clear = v != TCS_VERDICT_NONE;
    if (excludes == clear)
        return TCS_MARK_NONE;
    if (excludes && has_p && p < alpha)
        return TCS_MARK_ADJUSTED;
    return TCS_MARK_TESTS_DIFFER;
}

tcs_mark tcs_change_mark(const tcs_change *ch, tcs_verdict v, double alpha)
{
    return tcs_mark_of(ch->has_welch || ch->exact, ch->delta_ci_lo, ch->delta_ci_hi, v,
                       ch->has_mwu, ch->mwu_p, alpha);
}
