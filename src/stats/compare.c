/* compare.c - change between two survey waves from scale-point counts.
 *
 * References:
 *  - Welch's t test with the Welch-Satterthwaite df: Welch (1947),
 *    Biometrika 34:28-35; as scipy.stats.ttest_ind(equal_var=False).
 *  - Mann-Whitney U, normal approximation with tie correction
 *    sigma^2 = n1 n2 / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1))) and
 *    continuity correction: Lehmann (1975), Nonparametrics, ch. 1; as
 *    scipy.stats.mannwhitneyu(method="asymptotic", use_continuity=True).
 *  - Cliff's delta: Cliff (1993), Psychol. Bull. 114:494-509.
 *  - Hedges' g with the approximate small-sample factor
 *    J = 1 - 3 / (4 (n1 + n2) - 9): Hedges & Olkin (1985), eq. 5.4.
 *  - Newcombe hybrid score interval (method 10): Newcombe (1998), Stat.
 *    Med. 17:873-890.
 *  - Benjamini & Hochberg (1995), JRSS B 57:289-300. */
#include "tcsurvey/compare.h"
#include "tcsurvey/stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One wave, after mirroring. */
typedef struct {
    double w[TCS_SCALE_POINTS_MAX]; /* counts as frequency weights */
    long n, high;
    size_t used_points;
    double mean, tss; /* tss = sum of squared deviations */
} wave;

int tcs_mirror_value(const tcs_scale *scale, int v) { return scale->min + scale->max - v; }

void tcs_mirror_counts(const tcs_scale *scale, const long *counts, long *out)
{
    size_t k = scale->npoints;
    for (size_t i = 0; i < k; i++)
        out[i] = counts[k - 1 - i];
}

int tcs_verdict_better(tcs_verdict v, bool reverse)
{
    int up = v == TCS_VERDICT_ROSE ? 1 : v == TCS_VERDICT_FELL ? -1 : 0;
    return reverse ? -up : up;
}

static void load_wave(const tcs_scale *scale, const long *answered, bool reverse,
                      const double *x, wave *w)
{
    size_t k = scale->npoints;
    double mid = tcs_scale_midpoint(scale);
    memset(w, 0, sizeof *w);
    long mirrored[TCS_SCALE_POINTS_MAX];
    const long *counts = answered;
    if (reverse) {
        tcs_mirror_counts(scale, answered, mirrored);
        counts = mirrored;
    }
    for (size_t i = 0; i < k; i++) {
        long c = counts[i];
        if (c <= 0)
            continue;
        w->w[i] = (double)c;
        w->n += c;
        w->used_points++;
        if (x[i] > mid)
            w->high += c;
    }
    if (w->n >= 1)
        w->mean = gsl_stats_wmean(w->w, 1, x, 1, k);
    /* frequency weights: the raw weighted sum of squares, divided by n - 1
     * below (gsl_stats_wvariance would treat them as reliability weights);
     * exactly 0 when one point holds every answer */
    if (w->used_points > 1)
        w->tss = gsl_stats_wtss_m(w->w, 1, x, 1, k, w->mean);
}

/* The variance of a wave's mean: var / n, times 1 - n/N with a population. */
static double mean_variance(double var, long n, long population)
{
    double v = var / (double)n;
    if (population > 0)
        v *= 1.0 - (double)n / (double)population;
    return v;
}

/* Welch's t, df, p and CI of delta from the waves' variances, n and
 * populations in out. */
static void welch(tcs_change *out)
{
    out->has_welch = false;
    out->welch_t = out->welch_df = out->welch_p = 0.0;
    out->delta_ci_lo = out->delta_ci_hi = 0.0;
    if (out->exact) {
        out->delta_ci_lo = out->delta_ci_hi = out->delta;
        return;
    }
    if (out->n_from < 2 || out->n_to < 2)
        return;
    double n1 = (double)out->n_from, n2 = (double)out->n_to;
    double s1 = mean_variance(out->var_from, out->n_from, out->population_from);
    double s2 = mean_variance(out->var_to, out->n_to, out->population_to);
    double se2 = s1 + s2, se = sqrt(se2);
    if (!(se2 > 0.0))
        return; /* no variance in either wave (or none left after the FPC) */
    out->has_welch = true;
    out->welch_t = out->delta / se;
    out->welch_df = se2 * se2 / (s1 * s1 / (n1 - 1.0) + s2 * s2 / (n2 - 1.0));
    out->welch_p = fmin(1.0, 2.0 * gsl_cdf_tdist_Q(fabs(out->welch_t), out->welch_df));
    double half = tcs_t_critical(0.95, out->welch_df) * se;
    out->delta_ci_lo = out->delta - half;
    out->delta_ci_hi = out->delta + half;
}

static void hedges(const wave *a, const wave *b, tcs_change *out)
{
    if (a->n < 2 || b->n < 2 || (a->tss == 0.0 && b->tss == 0.0))
        return;
    double n1 = (double)a->n, n2 = (double)b->n;
    double pooled_sd = sqrt((a->tss + b->tss) / (n1 + n2 - 2.0));
    out->has_hedges = true;
    out->hedges_g = out->delta / pooled_sd * (1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0));
}

/* Rank sums of the pooled answers, one group of equal values at a time in
 * ascending order: a group's ranks are its midrank, from how many lie below. */
typedef struct {
    double below, rank_sum_b, tie_term;
    size_t groups;
} rank_acc;

static void rank_group(rank_acc *r, double ca, double cb)
{
    double c = ca + cb;
    r->groups++;
    r->rank_sum_b += cb * (r->below + (c + 1.0) / 2.0);
    r->tie_term += c * c * c - c;
    r->below += c;
}

/* U of the later wave b, Cliff's delta and the two-sided asymptotic p. */
static void mann_whitney_finish(const rank_acc *r, const wave *a, const wave *b, tcs_change *out)
{
    double n1 = (double)a->n, n2 = (double)b->n, n = n1 + n2;
    out->mwu_u = r->rank_sum_b - n2 * (n2 + 1.0) / 2.0;
    out->cliffs_delta = 2.0 * out->mwu_u / (n1 * n2) - 1.0;
    /* All answers equal: no variance to standardise by. scipy divides by
     * zero and reports p = 1; we report no test. */
    if (r->groups < 2)
        return;
    double var = n1 * n2 / 12.0 * ((n + 1.0) - r->tie_term / (n * (n - 1.0)));
    double u = fmax(out->mwu_u, n1 * n2 - out->mwu_u);
    /* subtracting 0.5 from the larger U moves it towards the centre, so
     * the continuity correction only ever raises p */
    double z = (u - n1 * n2 / 2.0 - 0.5) / sqrt(var);
    out->has_mwu = true;
    out->mwu_p = fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(z));
}

/* From counts: each used scale point is one tied group. */
static void mann_whitney(size_t k, const wave *a, const wave *b, tcs_change *out)
{
    rank_acc r = {0};
    for (size_t i = 0; i < k; i++)
        if (a->w[i] + b->w[i] != 0.0)
            rank_group(&r, a->w[i], b->w[i]);
    mann_whitney_finish(&r, a, b, out);
}

/* Newcombe's method 10: the difference's interval from the distances of
 * each proportion to its Wilson limits (with the populations in out). */
static void high_share_change(tcs_change *out)
{
    double p1 = (double)out->high_n_from / (double)out->n_from;
    double p2 = (double)out->high_n_to / (double)out->n_to;
    double l1, u1, l2, u2;
    tcs_wilson_interval_fpc(out->high_n_from, out->n_from, out->population_from, 0.95, &l1, &u1);
    tcs_wilson_interval_fpc(out->high_n_to, out->n_to, out->population_to, 0.95, &l2, &u2);
    double d = p2 - p1;
    out->high_delta = 100.0 * d;
    out->high_delta_ci_lo = 100.0 * (d - sqrt((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1)));
    out->high_delta_ci_hi = 100.0 * (d + sqrt((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1)));
}

/* The figures that need only each wave's n, mean, sum of squares and high
 * count. False when a wave is empty (no change to describe). */
static bool moments_change(const wave *a, const wave *b, tcs_change *out)
{
    out->n_from = a->n;
    out->n_to = b->n;
    if (a->n >= 1) {
        out->mean_from = a->mean;
        out->high_from = 100.0 * (double)a->high / (double)a->n;
    }
    if (b->n >= 1) {
        out->mean_to = b->mean;
        out->high_to = 100.0 * (double)b->high / (double)b->n;
    }
    if (a->n < 1 || b->n < 1)
        return false;
    out->high_n_from = a->high;
    out->high_n_to = b->high;
    if (a->n >= 2)
        out->var_from = a->tss / ((double)a->n - 1.0);
    if (b->n >= 2)
        out->var_to = b->tss / ((double)b->n - 1.0);
    out->has_delta = true;
    out->delta = b->mean - a->mean;
    welch(out);
    hedges(a, b, out);
    high_share_change(out);
    return true;
}

void tcs_change_set_population(tcs_change *ch, long population_from, long population_to)
{
    ch->population_from = population_from >= ch->n_from && ch->n_from > 0 ? population_from : 0;
    ch->population_to = population_to >= ch->n_to && ch->n_to > 0 ? population_to : 0;
    ch->fpc = ch->population_from > 0 || ch->population_to > 0;
    ch->exact = ch->has_delta && ch->population_from == ch->n_from &&
                ch->population_to == ch->n_to;
    if (!ch->has_delta)
        return;
    welch(ch);
    high_share_change(ch);
}

void tcs_change_from_counts(const tcs_scale *scale, const long *from, const long *to, bool reverse,
                            tcs_change *out)
{
    memset(out, 0, sizeof *out);
    double x[TCS_SCALE_POINTS_MAX] = {0}; /* zeroed for GCC 12 -O2 -Wmaybe-uninitialized */
    size_t k = scale->npoints;
    for (size_t i = 0; i < k; i++)
        x[i] = scale->min + (double)i;
    wave a, b;
    load_wave(scale, from, reverse, x, &a);
    load_wave(scale, to, reverse, x, &b);
    if (moments_change(&a, &b, out))
        mann_whitney(k, &a, &b, out);
}

/* One wave of distinct values, ascending, with their counts (zero counts
 * are no values). Only n, high, mean and tss are used (w[] belongs to
 * counts). False when out of memory. */
static bool load_distinct(const double *x, const long *c, size_t k, double midpoint, wave *w)
{
    memset(w, 0, sizeof *w);
    double *wt = malloc((k ? k : 1) * sizeof *wt);
    if (!wt)
        return false;
    size_t used = 0;
    for (size_t i = 0; i < k; i++) {
        long ci = c[i] > 0 ? c[i] : 0;
        wt[i] = (double)ci; /* frequency weights */
        w->n += ci;
        used += ci > 0;
        if (x[i] > midpoint)
            w->high += ci;
    }
    if (w->n >= 1)
        w->mean = gsl_stats_wmean(wt, 1, x, 1, k);
    /* the raw weighted sum of squares, as load_wave; exactly 0 when every
     * value is the same */
    if (used > 1)
        w->tss = gsl_stats_wtss_m(wt, 1, x, 1, k, w->mean);
    free(wt);
    return true;
}

static tcs_status check_distinct(const double *x, const long *c, size_t k, tcs_error *err)
{
    if (k && (!x || !c))
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "no values given for a non-empty wave");
    long total = 0;
    for (size_t i = 0; i < k; i++) {
        if (!isfinite(x[i]))
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                 "a value to compare is NaN or infinite");
        if (i > 0 && !(x[i - 1] < x[i]))
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                 "the values to compare are not distinct and ascending");
        if (c[i] > 0 && c[i] > LONG_MAX / 4 - total)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "too many values to compare");
        total += c[i] > 0 ? c[i] : 0;
    }
    return TCS_OK;
}

tcs_status tcs_change_from_distinct(const double *from, const long *from_counts, size_t n_from,
                                    const double *to, const long *to_counts, size_t n_to,
                                    double midpoint, tcs_change *out, tcs_error *err)
{
    memset(out, 0, sizeof *out);
    tcs_status st = check_distinct(from, from_counts, n_from, err);
    if (st == TCS_OK)
        st = check_distinct(to, to_counts, n_to, err);
    if (st != TCS_OK)
        return st;
    wave a, b;
    if (!load_distinct(from, from_counts, n_from, midpoint, &a) ||
        !load_distinct(to, to_counts, n_to, midpoint, &b))
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    if (moments_change(&a, &b, out)) {
        /* merge the waves, one group of equal values at a time */
        rank_acc r = {0};
        size_t i = 0, j = 0;
        while (i < n_from || j < n_to) {
            double v = i == n_from ? to[j] : j == n_to ? from[i] : fmin(from[i], to[j]);
            double ca = 0.0, cb = 0.0;
            if (i < n_from && from[i] == v) {
                ca = from_counts[i] > 0 ? (double)from_counts[i] : 0.0;
                i++;
            }
            if (j < n_to && to[j] == v) {
                cb = to_counts[j] > 0 ? (double)to_counts[j] : 0.0;
                j++;
            }
            if (ca + cb > 0.0)
                rank_group(&r, ca, cb);
        }
        mann_whitney_finish(&r, &a, &b, out);
    }
    return TCS_OK;
}

/* Sort a copy of x and collapse it into distinct values and counts (in
 * place: *k distinct values at the front of *vals); false when out of
 * memory. */
static bool to_distinct(const double *x, size_t n, double **vals, long **counts, size_t *k)
{
    *vals = malloc((n ? n : 1) * sizeof **vals);
    *counts = malloc((n ? n : 1) * sizeof **counts);
    *k = 0;
    if (!*vals || !*counts)
        return false;
    if (n)
        memcpy(*vals, x, n * sizeof **vals);
    gsl_sort(*vals, 1, n);
    for (size_t i = 0; i < n; i++) {
        if (*k > 0 && (*vals)[*k - 1] == (*vals)[i]) {
            (*counts)[*k - 1]++;
            continue;
        }
        (*vals)[*k] = (*vals)[i];
        (*counts)[(*k)++] = 1;
    }
    return true;
}

static bool all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return false;
    return true;
}

tcs_status tcs_change_from_values(const double *from, size_t n_from, const double *to,
                                  size_t n_to, double midpoint, tcs_change *out, tcs_error *err)
{
    memset(out, 0, sizeof *out);
    if ((n_from && !from) || (n_to && !to))
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "no values given for a non-empty wave");
    if (!all_finite(from, n_from) || !all_finite(to, n_to))
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "a value to compare is NaN or infinite");
    if (n_from > LONG_MAX / 4 || n_to > LONG_MAX / 4 ||
        n_from > SIZE_MAX / sizeof(double) || n_to > SIZE_MAX / sizeof(double))
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "too many values to compare");
    double *va = NULL, *vb = NULL;
    long *ca = NULL, *cb = NULL;
    size_t ka, kb;
    tcs_status st;
    if (!to_distinct(from, n_from, &va, &ca, &ka) || !to_distinct(to, n_to, &vb, &cb, &kb))
        st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    else
        st = tcs_change_from_distinct(va, ca, ka, vb, cb, kb, midpoint, out, err);
    free(va);
    free(vb);
    free(ca);
    free(cb);
    return st;
}

const char *tcs_verdict_name(tcs_verdict v)
{
    switch (v) {
    case TCS_VERDICT_ROSE: return "rose";
    case TCS_VERDICT_FELL: return "fell";
    case TCS_VERDICT_MIXED: return "mixed";
    default: return "no clear change";
    }
}

tcs_verdict tcs_verdict_of(const tcs_change *ch, bool has_q, double q, double alpha)
{
    if (!has_q || !(q < alpha))
        return TCS_VERDICT_NONE;
    if (ch->cliffs_delta > 0 && ch->delta > 0)
        return TCS_VERDICT_ROSE;
    if (ch->cliffs_delta < 0 && ch->delta < 0)
        return TCS_VERDICT_FELL;
    return TCS_VERDICT_MIXED;
}

void tcs_bh_adjust(const double *p, size_t n, double *q)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]))
            m++;
    /* q[j] = p m / rank, rank = how many p are <= p[j] (tied p share the
     * highest rank, as the step-up procedure gives them) */
    for (size_t j = 0; j < n; j++) {
        if (isnan(p[j])) {
            q[j] = NAN;
            continue;
        }
        size_t rank = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(p[i]) && p[i] <= p[j])
                rank++;
        q[j] = fmin(1.0, p[j] * (double)m / (double)rank);
    }
    /* Step up: each q is the minimum over all p at least as large. Visit
     * the distinct p from the largest down, carrying the running minimum;
     * the q of smaller p are not yet overwritten. */
    double running = INFINITY, above = INFINITY;
    for (;;) {
        double next = -INFINITY;
        bool found = false;
        for (size_t i = 0; i < n; i++)
            if (!isnan(p[i]) && p[i] < above && (!found || p[i] > next)) {
                next = p[i];
                found = true;
            }
        if (!found)
            break;
        for (size_t i = 0; i < n; i++)
            if (p[i] == next) {
                running = fmin(running, q[i]);
                q[i] = running;
            }
        above = next;
    }
}
